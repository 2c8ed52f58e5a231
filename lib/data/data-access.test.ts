import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { getCohortBoard } from "./board";
import { createTeam, joinTeamWithCode, listCohorts } from "./cohorts";
import { getStepNote, saveStepNote } from "./notes";
import { getStepHistory, getTeamStepStates, setStepStatus } from "./progress";

const forbidden = { code: "FORBIDDEN" };

describe.each(TEST_BACKENDS)("data access on $name", (backend) => {
  const demo = useSeededDatabase(backend);

  it("records a student's status change with who and when, and warns when earlier steps are open", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const result = await setStepStatus(alice, { teamId: demo.atlas, stepId: "d02-s1", status: "DONE_MANUAL" });
    expect(result).toEqual({ status: "DONE_MANUAL", changed: true, skippedSteps: ["d01-s1", "d01-s2"] });
    const states = await getTeamStepStates(alice, demo.atlas);
    expect(states.get("d02-s1")).toMatchObject({ status: "DONE_MANUAL", updatedBy: "Alice Atlas" });
    const history = await getStepHistory(alice, demo.atlas, "d02-s1");
    expect(history[0]).toMatchObject({ fromStatus: "NOT_STARTED", toStatus: "DONE_MANUAL", outOfOrder: true, actor: { name: "Alice Atlas" } });
  });

  it("treats a repeated status change (a double click) as a no-op with a single history entry", async () => {
    const amir = await actorFor(demo.client, "amir@daybook.local");
    await setStepStatus(amir, { teamId: demo.atlas, stepId: "d01-s1", status: "IN_PROGRESS" });
    const again = await setStepStatus(amir, { teamId: demo.atlas, stepId: "d01-s1", status: "IN_PROGRESS" });
    expect(again.changed).toBe(false);
    expect(await getStepHistory(amir, demo.atlas, "d01-s1")).toHaveLength(1);
  });

  it("keeps students out of other teams' progress and notes", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    await expect(getTeamStepStates(alice, demo.borealis)).rejects.toMatchObject(forbidden);
    await expect(setStepStatus(alice, { teamId: demo.borealis, stepId: "d01-s1", status: "DONE_MANUAL" })).rejects.toMatchObject(forbidden);
    await expect(getStepNote(alice, demo.borealis, "d01-s1")).rejects.toMatchObject(forbidden);
    await expect(saveStepNote(alice, { teamId: demo.borealis, stepId: "d01-s1", body: "x", blocked: false, blockedReason: null, baseVersion: 0 })).rejects.toMatchObject(forbidden);
    await expect(getCohortBoard(alice, (await demo.client.cohort.findFirstOrThrow()).id)).rejects.toMatchObject(forbidden);
  });

  it("lets the instructor read every team and its notes but change nothing", async () => {
    const instructor = await actorFor(demo.client, "instructor@daybook.local");
    const cohort = await demo.client.cohort.findFirstOrThrow();
    const board = await getCohortBoard(instructor, cohort.id);
    expect(board.teams.map((t) => t.name)).toEqual(["Team Atlas", "Team Borealis"]);
    expect(board.teams[0]!.statuses.get("d02-s1")).toBe("DONE_MANUAL");
    // Drawn at seed time: never the fixed codes older versions shipped.
    expect(board.teams[0]!.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(board.teams.map((t) => t.joinCode)).not.toContain("ATLAS2026");
    await expect(setStepStatus(instructor, { teamId: demo.atlas, stepId: "d01-s1", status: "DONE_MANUAL" })).rejects.toMatchObject(forbidden);
    await expect(saveStepNote(instructor, { teamId: demo.atlas, stepId: "d01-s1", body: "x", blocked: false, blockedReason: null, baseVersion: 0 })).rejects.toMatchObject(forbidden);
  });

  it("shows stakeholders progress without join codes, emails, blocked reasons or notes", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    await saveStepNote(alice, { teamId: demo.atlas, stepId: "d03-s1", body: "stuck", blocked: true, blockedReason: "image pull fails", baseVersion: 0 });
    const stakeholder = await actorFor(demo.client, "stakeholder@daybook.local");
    const cohort = await demo.client.cohort.findFirstOrThrow();
    const board = await getCohortBoard(stakeholder, cohort.id);
    expect(board.teams[0]).toMatchObject({ joinCode: null, blocked: [] });
    expect(board.teams[0]!.members.every((m) => m.email === "")).toBe(true);
    expect(board.canManage).toBe(false);
    await expect(getStepNote(stakeholder, demo.atlas, "d03-s1")).rejects.toMatchObject(forbidden);
    await expect(setStepStatus(stakeholder, { teamId: demo.atlas, stepId: "d01-s1", status: "DONE_MANUAL" })).rejects.toMatchObject(forbidden);
    const instructorView = await getCohortBoard(await actorFor(demo.client, "instructor@daybook.local"), cohort.id);
    expect(instructorView.teams[0]!.blocked).toEqual([{ stepId: "d03-s1", reason: "image pull fails" }]);
  });

  it("refuses another instructor's cohort", async () => {
    const other = await demo.client.user.create({ data: { email: "other@daybook.local", name: "Other", role: "INSTRUCTOR" } });
    const actor = await actorFor(demo.client, other.email);
    const cohort = await demo.client.cohort.findFirstOrThrow();
    await expect(getCohortBoard(actor, cohort.id)).rejects.toMatchObject(forbidden);
    await expect(createTeam(actor, cohort.id, "Team Sneaky")).rejects.toMatchObject(forbidden);
    expect(await listCohorts(actor)).toEqual([]);
  });

  it("never overwrites a teammate's newer note, and refuses oversized notes", async () => {
    const bea = await actorFor(demo.client, "bea@daybook.local");
    const bo = await actorFor(demo.client, "bo@daybook.local");
    const first = await saveStepNote(bea, { teamId: demo.borealis, stepId: "d01-s2", body: "v1", blocked: false, blockedReason: null, baseVersion: 0 });
    await saveStepNote(bo, { teamId: demo.borealis, stepId: "d01-s2", body: "v2 by bo", blocked: false, blockedReason: null, baseVersion: first.version });
    await expect(saveStepNote(bea, { teamId: demo.borealis, stepId: "d01-s2", body: "stale", blocked: false, blockedReason: null, baseVersion: first.version })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getStepNote(bea, demo.borealis, "d01-s2"))?.body).toBe("v2 by bo");
    await expect(saveStepNote(bea, { teamId: demo.borealis, stepId: "d01-s2", body: "x".repeat(20_001), blocked: false, blockedReason: null, baseVersion: 2 })).rejects.toMatchObject({ code: "TOO_LARGE" });
    await expect(saveStepNote(bea, { teamId: demo.borealis, stepId: "d01-s2", body: "x", blocked: true, blockedReason: " ", baseVersion: 2 })).rejects.toMatchObject({ code: "INVALID" });
  });

  it("creates a student on the team a join code names", async () => {
    const instructor = await actorFor(demo.client, "instructor@daybook.local");
    const cohort = await demo.client.cohort.findFirstOrThrow();
    const team = await createTeam(instructor, cohort.id, "Team Cirrus");
    await joinTeamWithCode({ code: team.joinCode.toLowerCase(), name: "Cy", email: "CY@daybook.local", password: "long enough pw" }, "198.51.100.7");
    const cy = await actorFor(demo.client, "cy@daybook.local");
    expect(cy).toMatchObject({ role: "STUDENT", teamId: team.id });
    await expect(joinTeamWithCode({ code: "NOPE1234", name: "X", email: "x@daybook.local", password: "long enough pw" }, "198.51.100.7")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
