import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { priorObservations } from "@/lib/runs/history";
import { getStepComments, getUnreadComments, markStepCommentsRead, postStepComment } from "./comments";
import { getCohortOverview, getTeamOverview } from "./overview";
import { setStepStatus } from "./progress";
import { getStepEngine } from "./runs";
import { resetStep } from "./step-reset";
import { getReviewStepExtras, getTeamReview } from "./team-review";
import { saveCohortCalendar } from "./calendar";
import { saveStepNote } from "./notes";

const forbidden = { code: "FORBIDDEN" };

describe.each(TEST_BACKENDS)("reviewing a team on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  const people = async () => ({
    alice: await actorFor(demo.client, "alice@daybook.local"),
    amir: await actorFor(demo.client, "amir@daybook.local"),
    bea: await actorFor(demo.client, "bea@daybook.local"),
    ines: await actorFor(demo.client, "instructor@daybook.local"),
    sam: await actorFor(demo.client, "stakeholder@daybook.local"),
  });

  it("comments go both ways, each reader has their own unread marker, and nobody else reads them", async () => {
    const { alice, amir, bea, ines, sam } = await people();
    const question = await postStepComment(ines, { teamId: demo.atlas, stepId: "d03-s1", body: "Why is the image tag latest?" });
    expect(question).toMatchObject({ side: "instructor", mine: true, unread: false, author: "Ines Instructor" });

    expect(await getUnreadComments(alice, demo.atlas)).toMatchObject([{ stepId: "d03-s1", count: 1 }]);
    const seen = await getStepComments(alice, demo.atlas, "d03-s1");
    expect(seen).toMatchObject({ unread: 1, canPost: true, comments: [{ body: "Why is the image tag latest?", side: "instructor", unread: true, mine: false }] });
    await markStepCommentsRead(alice, { teamId: demo.atlas, stepId: "d03-s1", upTo: new Date(seen.comments[0]!.createdAt) });
    expect(await getUnreadComments(alice, demo.atlas)).toEqual([]);
    // Amir has not looked yet.
    expect(await getUnreadComments(amir, demo.atlas)).toHaveLength(1);

    await postStepComment(alice, { teamId: demo.atlas, stepId: "d03-s1", body: "Fixed: pinned to 1.4.2" });
    expect(await getUnreadComments(alice, demo.atlas)).toEqual([]);
    const thread = await getStepComments(ines, demo.atlas, "d03-s1");
    expect(thread.comments.map((c) => [c.side, c.unread])).toEqual([["instructor", false], ["team", true]]);
    // An older page marking read up to the first comment does not make the answer read, nor the thread unread again.
    await markStepCommentsRead(ines, { teamId: demo.atlas, stepId: "d03-s1", upTo: new Date(thread.comments[0]!.createdAt) });
    expect((await getStepComments(ines, demo.atlas, "d03-s1")).unread).toBe(1);
    await markStepCommentsRead(ines, { teamId: demo.atlas, stepId: "d03-s1", upTo: new Date(Date.now() + 86_400_000) });
    expect((await getStepComments(ines, demo.atlas, "d03-s1")).unread).toBe(0);

    await expect(getStepComments(bea, demo.atlas, "d03-s1")).rejects.toMatchObject(forbidden);
    await expect(postStepComment(bea, { teamId: demo.atlas, stepId: "d03-s1", body: "hi" })).rejects.toMatchObject(forbidden);
    await expect(getStepComments(sam, demo.atlas, "d03-s1")).rejects.toMatchObject(forbidden);
    await expect(postStepComment(sam, { teamId: demo.atlas, stepId: "d03-s1", body: "hi" })).rejects.toMatchObject(forbidden);
    await expect(postStepComment(ines, { teamId: demo.atlas, stepId: "d99-s1", body: "hi" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a reset sets the step back with an event and a reason, deletes nothing, and earlier attestations stop counting", async () => {
    const { alice, ines } = await people();
    await setStepStatus(alice, { teamId: demo.atlas, stepId: "d17-s1", status: "IN_PROGRESS" });
    await demo.client.run.create({ data: { teamId: demo.atlas, stepId: "d17-s1", kind: "ATTEST", status: "PASSED", finishedAt: new Date(), summary: "confirmed", results: { type: "attest", attestations: [{ checkId: "docs-reviewed", prompt: "?", fields: {} }] } } });
    await demo.client.stepProgress.update({ where: { teamId_stepId: { teamId: demo.atlas, stepId: "d17-s1" } }, data: { status: "ATTESTED" } });
    expect((await priorObservations(demo.atlas, "d17-s1")).attested.has("docs-reviewed")).toBe(true);

    await expect(resetStep(alice, { teamId: demo.atlas, stepId: "d17-s1", reason: "no" })).rejects.toMatchObject(forbidden);
    expect(await resetStep(ines, { teamId: demo.atlas, stepId: "d17-s1", reason: "The review was of the wrong document" })).toEqual({ from: "ATTESTED" });
    expect((await demo.client.stepProgress.findUniqueOrThrow({ where: { teamId_stepId: { teamId: demo.atlas, stepId: "d17-s1" } } })).status).toBe("NOT_STARTED");
    const events = await demo.client.stepEvent.findMany({ where: { teamId: demo.atlas, stepId: "d17-s1" }, orderBy: { at: "asc" } });
    expect(events.at(-1)).toMatchObject({ fromStatus: "ATTESTED", toStatus: "NOT_STARTED", actorId: ines.id });
    expect(await demo.client.run.count({ where: { teamId: demo.atlas, stepId: "d17-s1" } })).toBe(1);
    expect((await priorObservations(demo.atlas, "d17-s1")).attested.size).toBe(0);
    expect((await getReviewStepExtras(ines, demo.atlas, "d17-s1")).resets).toMatchObject([{ by: "Ines Instructor", reason: "The review was of the wrong document", fromStatus: "ATTESTED" }]);

    await expect(resetStep(ines, { teamId: demo.atlas, stepId: "d17-s1", reason: "again" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/nothing to reset/) });
    await setStepStatus(alice, { teamId: demo.atlas, stepId: "d17-s1", status: "IN_PROGRESS" });
    const running = await demo.client.run.create({ data: { teamId: demo.atlas, stepId: "d17-s1", kind: "VERIFY", activeKey: `${demo.atlas}:d17-s1` } });
    await expect(resetStep(ines, { teamId: demo.atlas, stepId: "d17-s1", reason: "again" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/in progress/) });
    await demo.client.run.update({ where: { id: running.id }, data: { status: "CANCELLED", activeKey: null, finishedAt: new Date() } });
  });

  it("a reset of the step before closes the gate its verification had opened", async () => {
    const { ines } = await people();
    await demo.client.stepProgress.create({ data: { teamId: demo.borealis, stepId: "d10-s1", status: "VERIFIED" } });
    expect((await getStepEngine(ines, demo.borealis, "d10-s2")).gate).toEqual({ open: true, via: "previous" });
    await resetStep(ines, { teamId: demo.borealis, stepId: "d10-s1", reason: "start over" });
    expect((await getStepEngine(ines, demo.borealis, "d10-s2")).gate).toMatchObject({ open: false });
  });

  it("the drill-down lists every step with runs, blocked reasons, comments and open gates, for the cohort's instructor only", async () => {
    const { alice, ines, sam, bea } = await people();
    await saveStepNote(alice, { teamId: demo.atlas, stepId: "d02-s1", body: "", blocked: true, blockedReason: "registry unreachable", baseVersion: 0 });
    await demo.client.gateOverride.create({ data: { teamId: demo.atlas, stepId: "d02-s2", reason: "done on paper", byId: ines.id } });
    const review = await getTeamReview(ines, demo.atlas);
    expect(review.team).toMatchObject({ name: "Team Atlas", cohort: "Demo cohort", archived: false });
    expect(review.members.map((m) => m.name)).toEqual(["Alice Atlas", "Amir Atlas"]);
    const byId = new Map(review.steps.map((s) => [s.id, s]));
    expect(review.steps).toHaveLength(40);
    expect(byId.get("d02-s1")).toMatchObject({ cell: "BLOCKED", blockedReason: "registry unreachable" });
    expect(byId.get("d02-s2")).toMatchObject({ cell: "OVERRIDDEN", override: { reason: "done on paper", by: "Ines Instructor" } });
    expect(byId.get("d17-s1")).toMatchObject({ runs: 2 });
    expect(byId.get("d03-s1")).toMatchObject({ comments: 2, unread: 0 });
    expect(review.stuck).toEqual({ reason: "blocked", steps: 1 });
    for (const other of [alice, sam, bea]) await expect(getTeamReview(other, demo.atlas)).rejects.toMatchObject(forbidden);
  });

  it("the stakeholder overview has phase progress against the calendar, pass rates, blockers and honest performance results", async () => {
    const { ines, sam, alice } = await people();
    const cohort = await demo.client.cohort.findFirstOrThrow();
    await saveCohortCalendar(ines, { cohortId: cohort.id, startDate: "2027-01-04", weekdays: [1, 2, 3, 4, 5], holidays: [], timeZone: "UTC" });
    await demo.client.run.createMany({
      data: [
        { teamId: demo.atlas, stepId: "d01-s1", kind: "VERIFY", status: "FAILED", startedAt: new Date("2027-01-04T09:00:00Z"), finishedAt: new Date("2027-01-04T09:01:00Z"), results: { type: "verify", checks: [], verdict: { passed: 1, total: 3, summary: "" } } },
        { teamId: demo.atlas, stepId: "d01-s1", kind: "VERIFY", status: "PASSED", startedAt: new Date("2027-01-04T10:00:00Z"), finishedAt: new Date("2027-01-04T10:01:00Z"), results: { type: "verify", checks: [], verdict: { passed: 3, total: 3, summary: "" } } },
        { teamId: demo.atlas, stepId: "d01-s2", kind: "VERIFY", status: "FAILED", startedAt: new Date("2027-01-04T11:00:00Z"), finishedAt: new Date("2027-01-04T11:01:00Z"), results: { type: "verify", checks: [], verdict: { passed: 1, total: 2, summary: "" } } },
        // Could not reach the cluster: no evidence either way, left out of the rate.
        { teamId: demo.atlas, stepId: "d01-s2", kind: "VERIFY", status: "ERROR", startedAt: new Date("2027-01-04T12:00:00Z"), finishedAt: new Date("2027-01-04T12:01:00Z"), results: { type: "verify", checks: [], verdict: { passed: 0, total: 2, summary: "" } } },
        { teamId: demo.atlas, stepId: "d10-s2", kind: "VERIFY", status: "FAILED", finishedAt: new Date(), results: { type: "verify", checks: [{ checkId: "performance-test", title: "performance-test.sh", kind: "validationSuite", status: "inconclusive", expected: "", actual: "not run yet", evidence: [], durationMs: 0, children: [{ checkId: "products-under-load", title: "load", kind: "loadTest", status: "inconclusive", expected: "", actual: "not run", evidence: [], durationMs: 0 }] }], verdict: { passed: 0, total: 1, summary: "" } } },
      ],
    });
    const view = await getCohortOverview(sam, cohort.id, new Date("2027-01-06T10:00:00Z"));
    expect(view.today).toMatchObject({ day: 3 });
    const atlas = view.teams.find((t) => t.name === "Team Atlas")!;
    expect(atlas.passRate).toEqual({ passed: 4, total: 6 });
    expect(atlas.blockers).toMatchObject([{ stepId: "d02-s1", number: "2.1" }]);
    expect(atlas).not.toHaveProperty("blockers.0.reason");
    // The load test of 10.2 has not run (no job queue yet): no result to show, not a failure.
    expect(atlas.performance).toEqual([]);
    expect(view.performanceSteps.map((s) => s.number)).toEqual(["10.2", "15.1", "18.1", "20.1"]);
    expect(atlas.phases[0]).toMatchObject({ number: 1, total: 10, expected: 6, behind: true });
    expect(JSON.stringify(view)).not.toMatch(/registry unreachable|@daybook\.local/);

    const ran = { checkId: "performance-test", title: "performance-test.sh (600s)", kind: "validationSuite", status: "fail", expected: "", actual: "p95 1450 ms over 1000 ms", evidence: [], durationMs: 600_000, children: [{ checkId: "products-under-load", title: "load", kind: "loadTest", status: "fail", expected: "", actual: "p95 1450 ms", evidence: [], durationMs: 0 }] };
    await demo.client.run.create({ data: { teamId: demo.atlas, stepId: "d15-s1", kind: "VERIFY", status: "FAILED", finishedAt: new Date(), results: { type: "verify", checks: [ran], verdict: { passed: 3, total: 4, summary: "" } } } });
    expect((await getCohortOverview(sam, cohort.id)).teams.find((t) => t.name === "Team Atlas")!.performance).toMatchObject([{ number: "15.1", status: "fail", actual: "p95 1450 ms over 1000 ms" }]);

    const team = await getTeamOverview(sam, demo.atlas, new Date("2027-01-06T10:00:00Z"));
    expect(team.team.stepRates.get("d01-s1")).toEqual({ passed: 3, total: 3, status: "PASSED" });
    await expect(getCohortOverview(alice, cohort.id)).rejects.toMatchObject(forbidden);
  });
});
