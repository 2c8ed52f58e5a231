import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { saveStepNote } from "./notes";
import { setStepStatus } from "./progress";
import { getStepLiveState } from "./step-state";

describe.each(TEST_BACKENDS)("one step's live state on $name", (backend) => {
  const demo = useSeededDatabase(backend);

  it("says who set the status and when, and the note's version and blocked flag to those who may read notes", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    expect(await getStepLiveState(alice, demo.atlas, "d04-s1")).toEqual({ status: "NOT_STARTED", changed: null, note: { version: 0, blocked: false, blockedReason: null } });

    await setStepStatus(alice, { teamId: demo.atlas, stepId: "d04-s1", status: "IN_PROGRESS" });
    await saveStepNote(alice, { teamId: demo.atlas, stepId: "d04-s1", body: "text", blocked: true, blockedReason: "no quota", baseVersion: 0 });
    const amir = await actorFor(demo.client, "amir@daybook.local");
    const state = await getStepLiveState(amir, demo.atlas, "d04-s1");
    expect(state).toMatchObject({ status: "IN_PROGRESS", changed: { by: "Alice Atlas" }, note: { version: 1, blocked: true, blockedReason: "no quota" } });
    expect(Date.now() - Date.parse(state.changed!.at)).toBeLessThan(60_000);

    const instructor = await actorFor(demo.client, "instructor@daybook.local");
    expect((await getStepLiveState(instructor, demo.atlas, "d04-s1")).note).toMatchObject({ blocked: true });
    // Stakeholders follow progress, not notes.
    const stakeholder = await actorFor(demo.client, "stakeholder@daybook.local");
    expect(await getStepLiveState(stakeholder, demo.atlas, "d04-s1")).toMatchObject({ status: "IN_PROGRESS", note: null });
  });

  it("shows a status no person set (a verification run's) as Daybook's", async () => {
    await demo.client.stepProgress.create({ data: { teamId: demo.borealis, stepId: "d05-s1", status: "VERIFIED", updatedById: null } });
    const bea = await actorFor(demo.client, "bea@daybook.local");
    expect(await getStepLiveState(bea, demo.borealis, "d05-s1")).toMatchObject({ status: "VERIFIED", changed: { by: "Daybook" } });
  });

  it("refuses another team and a team that does not exist alike, and an unknown step as missing", async () => {
    const bea = await actorFor(demo.client, "bea@daybook.local");
    await expect(getStepLiveState(bea, demo.atlas, "d04-s1")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getStepLiveState(bea, "no-such-team", "d04-s1")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getStepLiveState(bea, demo.borealis, "d99-s9")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
