import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { saveStepNote } from "./notes";
import { setStepStatus } from "./progress";
import { getTeamPlanState } from "./team-state";
import { teamAccess } from "./relations";

describe.each(TEST_BACKENDS)("a team's plan state on $name", (backend) => {
  const demo = useSeededDatabase(backend);

  it("reads statuses with who and when, and blocked steps only for those who may read notes", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    await setStepStatus(alice, { teamId: demo.atlas, stepId: "d01-s1", status: "DONE_MANUAL" });
    await setStepStatus(alice, { teamId: demo.atlas, stepId: "d01-s2", status: "IN_PROGRESS" });
    await saveStepNote(alice, { teamId: demo.atlas, stepId: "d02-s1", body: "", blocked: true, blockedReason: "no quota", baseVersion: 0 });
    await saveStepNote(alice, { teamId: demo.atlas, stepId: "d02-s2", body: "fine", blocked: false, blockedReason: null, baseVersion: 0 });

    const mine = await getTeamPlanState(alice, demo.atlas);
    expect([...mine.states].map(([id, s]) => [id, s.status, s.updatedBy]).sort()).toEqual([["d01-s1", "DONE_MANUAL", "Alice Atlas"], ["d01-s2", "IN_PROGRESS", "Alice Atlas"]]);
    expect(mine.states.get("d01-s1")!.updatedAt).toBeInstanceOf(Date);
    expect(Number.isNaN(mine.states.get("d01-s1")!.updatedAt.getTime())).toBe(false);
    expect([...mine.blocked]).toEqual(["d02-s1"]);

    const instructor = await actorFor(demo.client, "instructor@daybook.local");
    expect([...(await getTeamPlanState(instructor, demo.atlas)).blocked]).toEqual(["d02-s1"]);
    const stakeholder = await actorFor(demo.client, "stakeholder@daybook.local");
    const theirs = await getTeamPlanState(stakeholder, demo.atlas);
    expect(theirs.states.size).toBe(2);
    expect(theirs.blocked.size).toBe(0);
  });

  it("keeps a status no person set (a verdict of a run nobody started) as Daybook's", async () => {
    await demo.client.stepProgress.create({ data: { teamId: demo.atlas, stepId: "d03-s1", status: "VERIFIED", updatedById: null } });
    const state = (await getTeamPlanState(await actorFor(demo.client, "alice@daybook.local"), demo.atlas)).states.get("d03-s1");
    expect(state).toMatchObject({ status: "VERIFIED", updatedBy: "Daybook" });
  });

  it("refuses another team, and knows each relation and the names", async () => {
    const bea = await actorFor(demo.client, "bea@daybook.local");
    await expect(getTeamPlanState(bea, demo.atlas)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await teamAccess(bea, demo.borealis)).toEqual({ relations: ["teamMember"], team: { name: "Team Borealis", cohort: "Demo cohort" } });
    expect((await teamAccess(await actorFor(demo.client, "instructor@daybook.local"), demo.atlas)).relations).toEqual(["cohortInstructor"]);
    expect((await teamAccess(await actorFor(demo.client, "stakeholder@daybook.local"), demo.atlas)).relations).toEqual(["cohortStakeholder"]);
    expect(await teamAccess(bea, "no-such-team")).toEqual({ relations: [], team: null });
  });

  it("reads a student's own team with the session, and answers as the team's query does", async () => {
    const bea = await actorFor(demo.client, "bea@daybook.local");
    expect(bea.ownTeam).toMatchObject({ name: "Team Borealis", cohort: "Demo cohort", coInstructor: false, stakeholder: false });
    expect(await teamAccess(bea, demo.borealis)).toEqual(await teamAccess({ ...bea, ownTeam: undefined }, demo.borealis));
    expect((await actorFor(demo.client, "instructor@daybook.local")).ownTeam).toBeUndefined();
  });
});
