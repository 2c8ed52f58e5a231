import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { allSteps, loadCourse } from "@/lib/course/load";
import { saveCohortCalendar } from "./calendar";
import { markStepCommentsRead, postStepComment } from "./comments";
import { getLiveBoard } from "./live-board";
import { saveStepNote } from "./notes";
import { setStepStatus } from "./progress";
import { overrideGate } from "./runs";

const steps = allSteps(loadCourse());
const cell = (id: string) => steps.findIndex((s) => s.id === id);

describe.each(TEST_BACKENDS)("the live cohort board on $name", (backend) => {
  const demo = useSeededDatabase(backend);

  it("shows each cell's state, blocked flags, open gates, per-day completion and unread comments", async () => {
    const [alice, ines, sam] = await Promise.all([actorFor(demo.client, "alice@daybook.local"), actorFor(demo.client, "instructor@daybook.local"), actorFor(demo.client, "stakeholder@daybook.local")]);
    const cohort = await demo.client.cohort.findFirstOrThrow();
    await setStepStatus(alice, { teamId: demo.atlas, stepId: "d01-s1", status: "DONE_MANUAL" });
    await setStepStatus(alice, { teamId: demo.atlas, stepId: "d01-s2", status: "IN_PROGRESS" });
    await saveStepNote(alice, { teamId: demo.atlas, stepId: "d01-s2", body: "", blocked: true, blockedReason: "no kubeconfig", baseVersion: 0 });
    await overrideGate(ines, { teamId: demo.atlas, stepId: "d02-s1", reason: "set up by hand" });
    await demo.client.stepProgress.create({ data: { teamId: demo.borealis, stepId: "d01-s1", status: "VERIFIED" } });
    await postStepComment(alice, { teamId: demo.atlas, stepId: "d01-s2", body: "Can you look?" });

    const board = await getLiveBoard(ines, cohort.id);
    const [atlas, borealis] = board.teams;
    expect(board.teams.map((t) => t.name)).toEqual(["Team Atlas", "Team Borealis"]);
    expect(atlas!.cells.slice(0, 4)).toEqual(["DONE_MANUAL", "BLOCKED", "OVERRIDDEN", "NOT_STARTED"]);
    expect(borealis!.cells[0]).toBe("VERIFIED");
    expect(atlas!.unread).toEqual([cell("d01-s2")]);
    expect(atlas!.stuck).toEqual({ reason: "blocked", steps: 1 });
    expect(atlas).toMatchObject({ done: 1, percent: 2, atDay: 1, pace: null });
    // Day 1 has two steps: Atlas did one, Borealis one of four cells in all.
    expect(board.dayPercent[0]).toBe(50);
    expect(board.dayPercent[1]).toBe(0);
    expect(board.may).toEqual({ review: true, comments: true });

    await markStepCommentsRead(ines, { teamId: demo.atlas, stepId: "d01-s2", upTo: new Date() });
    expect((await getLiveBoard(ines, cohort.id)).teams[0]!.unread).toEqual([]);

    // The stakeholder sees the flag (not its reason) and no comments.
    const followed = await getLiveBoard(sam, cohort.id);
    expect(followed.teams[0]!.cells[1]).toBe("BLOCKED");
    expect(followed.teams[0]!.unread).toEqual([]);
    expect(followed.may).toEqual({ review: false, comments: false });
    await expect(getLiveBoard(alice, cohort.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("knows the course day and each team's pace from the cohort's calendar, and leaves archived teams out", async () => {
    const ines = await actorFor(demo.client, "instructor@daybook.local");
    const cohort = await demo.client.cohort.findFirstOrThrow();
    await saveCohortCalendar(ines, { cohortId: cohort.id, startDate: "2027-01-04", weekdays: [1, 2, 3, 4, 5], holidays: [], timeZone: "UTC" });
    // Wednesday of the first week: Day 3. Atlas has done 1 step of the 4 of Days 1–2.
    const board = await getLiveBoard(ines, cohort.id, new Date("2027-01-06T10:00:00Z"));
    expect(board.today).toMatchObject({ phase: "during", day: 3, working: true });
    expect(board.teams[0]!.pace).toBe("behind");
    expect(board.teams[1]!.pace).toBe("behind");
    expect(board.teams[1]!.stuck).toMatchObject({ reason: "idle" });
    await demo.client.team.update({ where: { id: demo.borealis }, data: { archivedAt: new Date() } });
    expect((await getLiveBoard(ines, cohort.id)).teams.map((t) => t.name)).toEqual(["Team Atlas"]);
  });
});
