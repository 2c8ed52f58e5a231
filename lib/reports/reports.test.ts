import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { postStepComment } from "@/lib/data/comments";
import { saveStepNote } from "@/lib/data/notes";
import { findStep, loadCourse } from "@/lib/course/load";
import { getSignoffView, signOff } from "@/lib/signoff/data";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { seedFinishedCourse } from "@/tests/support/finished-course";
import { recordedLoad } from "@/tests/support/load-fixture";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { exportCohortProgress, progressCsv } from "./cohort-export";
import { getClosureReport, LessonsConflictError, saveLessonsLearned } from "./data";
import { closureMarkdown } from "./markdown";
import { closurePdf } from "./pdf";

describe.each(TEST_BACKENDS)("the closure report and the cohort export on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  let alice: Actor, sam: Actor, ines: Actor, cohortId: string;

  beforeAll(async () => {
    alice = await actorFor(demo.client, "alice@daybook.local");
    sam = await actorFor(demo.client, "stakeholder@daybook.local");
    ines = await actorFor(demo.client, "instructor@daybook.local");
    cohortId = (await demo.client.team.findUniqueOrThrow({ where: { id: demo.atlas } })).cohortId;
    const at = { teamId: demo.atlas };
    await postStepComment(alice, { ...at, stepId: "d04-s1", body: "Before the block: is storage class gp3 fine?" });
    const note = await saveStepNote(alice, { ...at, stepId: "d04-s1", body: "waiting", blocked: true, blockedReason: "No quota for PVCs", baseVersion: 0 });
    await postStepComment(alice, { ...at, stepId: "d04-s1", body: "We hit the PVC quota (5)." });
    await postStepComment(ines, { ...at, stepId: "d04-s1", body: `I asked ops to raise the quota to 10 PVCs.\n\nTry again after lunch; if it still fails, ${"delete the leftover claims from Day 3 first, ".repeat(5)}then retry.` });
    await saveStepNote(alice, { ...at, stepId: "d04-s1", body: "quota raised by ops", blocked: false, blockedReason: null, baseVersion: note.version });
    await postStepComment(alice, { ...at, stepId: "d04-s1", body: "Verified now, thanks!" });
    await saveStepNote(alice, { ...at, stepId: "d12-s1", body: "", blocked: true, blockedReason: "Ingress DNS pending", baseVersion: 0 });
    // Day 18's test is never run; the others ran at full length.
    await seedFinishedCourse(demo.client, { teamId: demo.atlas, actorId: alice.id, finalValidation: { outcome: "passed", at: new Date() }, performanceTests: { timeScale: 1, skip: ["d18-s1"] } });
    // Day 15 again, later and shortened (DAYBOOK_TIME_SCALE), with a slow backend: the latest finished one counts,
    // not the cancelled one after it.
    const d15 = findStep(loadCourse(), "d15-s1")!;
    const later = Date.now() + 60_000;
    const run = (status: "FAILED" | "CANCELLED", start: number, load: ReturnType<typeof recordedLoad>) =>
      demo.client.run.create({ data: { teamId: demo.atlas, stepId: "d15-s1", kind: "LOAD", status, startedById: alice.id, startedAt: new Date(start), finishedAt: new Date(start + load.elapsedMs), summary: status, results: { type: "load", load, checks: [] } } });
    await run("FAILED", later, recordedLoad(d15, { timeScale: 0.01, slowMs: 1500 }));
    await run("CANCELLED", later + 60_000, { ...recordedLoad(d15, { timeScale: 0.01 }), phase: "cancelled" });
    await signOff(alice, { teamId: demo.atlas, comment: "Ready | shipped", evidenceSha256: (await getSignoffView(alice, demo.atlas)).evidence.sha256 });
  });

  it("keeps the team's lessons learned, refusing a save over a teammate's newer one", async () => {
    const amir = await actorFor(demo.client, "amir@daybook.local");
    expect(await saveLessonsLearned(alice, { teamId: demo.atlas, text: "Start the cluster on day 1.", baseVersion: 0 })).toEqual({ version: 1 });
    const stale = saveLessonsLearned(amir, { teamId: demo.atlas, text: "mine", baseVersion: 0 });
    await expect(stale).rejects.toBeInstanceOf(LessonsConflictError);
    await expect(stale).rejects.toMatchObject({ latest: { text: "Start the cluster on day 1.", version: 1 } });
    expect(await saveLessonsLearned(amir, { teamId: demo.atlas, text: "Start the cluster on day 1.\n\n- Ask for quota early.", baseVersion: 1 })).toEqual({ version: 2 });
    await expect(saveLessonsLearned(ines, { teamId: demo.atlas, text: "x", baseVersion: 2 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("reports status per phase, run statistics, blockers, lessons and sign-offs from the data", async () => {
    const r = await getClosureReport(ines, demo.atlas);
    // Every step but 20.2, the sign-off itself (one signature of three so far).
    expect(r.overall).toEqual({ done: 39, total: 40, proven: 39 });
    expect(r.phases.map((p) => [p.number, p.state, p.done, p.total])).toEqual([[1, "complete", 10, 10], [2, "complete", 10, 10], [3, "complete", 10, 10], [4, "in progress", 9, 10]]);
    const s31 = r.stats.find((s) => s.stepId === "d03-s1")!;
    expect(s31).toMatchObject({ status: "VERIFIED", attempts: 1, toVerifiedMs: 1000 });
    expect(r.stats.find((s) => s.stepId === "d19-s1")).toMatchObject({ status: "ATTESTED", attempts: 1 });
    expect(r.totals.byKind).toMatchObject({ VERIFY: expect.any(Number), ATTEST: expect.any(Number) });
    expect(r.blockers!.map((b) => [b.number, b.reason, b.clearedAt !== null, b.resolution])).toEqual([
      ["4.1", "No quota for PVCs", true, "Unblocked; the step is verified."],
      ["12.1", "Ingress DNS pending", false, "Still blocked."],
    ]);
    // The thread since the block was raised (not the question before it): the last word of each side, shortened.
    const quota = r.blockers![0]!.discussion!;
    expect(quota.comments).toBe(3);
    expect(quota.last.map((c) => [c.author, c.side])).toEqual([["Ines Instructor", "instructor"], ["Alice Atlas", "team"]]);
    expect(quota.last[0]!.excerpt).toMatch(/^I asked ops to raise the quota to 10 PVCs\. Try again after lunch; .*…$/);
    expect(quota.last[0]!.excerpt.length).toBeLessThanOrEqual(160);
    expect(quota.last[1]!.excerpt).toBe("Verified now, thanks!");
    expect(r.blockers![1]!.discussion).toEqual({ comments: 0, last: [] });
    expect(r.lessons).toMatchObject({ text: "Start the cluster on day 1.\n\n- Ask for quota early.", updatedBy: "Amir Atlas", version: 2 });
    expect(r.signoffs).toEqual([expect.objectContaining({ role: "Technical lead", signer: "Alice Atlas", comment: "Ready | shipped", evidenceSha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(r.timeline.some((t) => t.text === "Phase 1 (Foundation & Preparation) complete")).toBe(true);
  });

  it("reports each performance step's latest finished performance test, or that it has none", async () => {
    const { performance } = await getClosureReport(ines, demo.atlas);
    expect(performance.map((p) => [p.number, p.day, p.test?.status ?? null, p.test?.timeScale ?? null])).toEqual([["10.2", 10, "PASSED", 1], ["15.1", 15, "FAILED", 0.01], ["18.1", 18, null, null], ["20.1", 20, "PASSED", 1]]);
    const day10 = performance[0]!.test!;
    expect(day10.elapsedMs).toBe(300_000);
    expect(day10.targets.map((t) => [t.label, t.verdict, t.thresholds, t.durationSeconds, t.concurrency])).toEqual([
      ["backend /api/products", "pass", { maxErrorRate: 0.01, maxP95LatencyMs: 1000 }, 300, 10],
      ["frontend /", "pass", { maxErrorRate: 0.01, maxP95LatencyMs: 1000 }, 300, 10],
    ]);
    const backend = day10.targets[0]!;
    expect(backend).toMatchObject({ requests: expect.any(Number), errorRate: 0, p50: expect.any(Number), p95: 240, p99: expect.any(Number) });
    // 300 seconds charted as 100 points of 3 s each; the requests all still count.
    expect(backend.chart).toHaveLength(100);
    expect(backend.chart.every((p) => p.ms === 3000)).toBe(true);
    expect(backend.chart.reduce((n, p) => n + p.requests, 0)).toBe(backend.requests);
    const day15 = performance[1]!.test!;
    expect(day15.elapsedMs).toBe(6000);
    expect(day15.targets.map((t) => [t.verdict, t.p95, t.chart.length])).toEqual([["fail", 1500, 6], ["fail", 1500, 6]]);
  });

  it("shows stakeholders no blockers (nor their comments) but the performance tests, and nobody outside the cohort anything", async () => {
    const r = await getClosureReport(sam, demo.atlas);
    expect(r.blockers).toBeNull();
    expect(JSON.stringify(r)).not.toContain("PVC");
    expect(r.performance.filter((p) => p.test)).toHaveLength(3);
    await expect(getClosureReport(await actorFor(demo.client, "bea@daybook.local"), demo.atlas)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("renders Markdown and a PDF whose first page shows the team and its sign-offs", async () => {
    const r = await getClosureReport(alice, demo.atlas);
    const md = closureMarkdown(r);
    expect(md.split("\n")[0]).toBe("# Project closure report: Team Atlas");
    for (const h of ["## Status per phase", "## Sign-offs (Step 20.2)", "## Lessons learned", "## Blockers and how they were solved", "## Performance results", "## Run statistics", "## Timeline"]) expect(md).toContain(h);
    expect(md).toContain("Ready \\| shipped");
    expect(md).toContain("### Step 18.1 Comprehensive System Testing (Day 18)\n\nNo performance test yet: run it from the step's page.");
    expect(md).toContain("| Target | Verdict | Requests | Req/s | Errors (limit) | p50 | p95 (limit) | p99 |");
    expect(md).toMatch(/\| backend \/api\/products \| fail \| [\d,]+ \| [\d.,]+ \| 0\.0% \(≤ 1%\) \| [\d.]+ ms \| 1500 ms \(≤ 1000 ms\) \| [\d.]+ ms \|/);
    expect(md).toContain("time scaled by 0.01 (DAYBOOK_TIME_SCALE)");
    expect(md).toContain("3 comments on the step since: Ines Instructor (instructor), ");
    const pdf = await closurePdf(r);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-pdf-"));
    try {
      fs.writeFileSync(path.join(dir, "r.pdf"), pdf);
      const text = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", path.join(dir, "r.pdf"), "-"], { encoding: "utf8" });
      expect(text).toContain("Team Atlas");
      expect(text).toContain("Sign-offs (Step 20.2)");
      expect(text).toContain(r.signoffs[0]!.evidenceSha256.slice(0, 16));
      execFileSync("pdftoppm", ["-f", "1", "-l", "1", "-r", "50", "-png", path.join(dir, "r.pdf"), path.join(dir, "page")]);
      const png = fs.readdirSync(dir).find((f) => f.endsWith(".png"))!;
      expect(fs.readFileSync(path.join(dir, png)).subarray(1, 4).toString()).toBe("PNG");
      // The performance section: each step's numbers and its charts' labels, drawn as text and vectors.
      const all = execFileSync("pdftotext", ["-layout", path.join(dir, "r.pdf"), "-"], { encoding: "utf8" });
      const perf = all.slice(all.indexOf("Performance results"), all.indexOf("Run statistics"));
      for (const seen of ["Step 10.2", "Step 15.1", "Step 20.1", "No performance test yet", "backend /api/products", "p95 limit 1000 ms", "requests/s", "p95 latency", "seconds into the test", "DAYBOOK_TIME_SCALE"]) expect(perf).toContain(seen);
      if (process.env.DAYBOOK_KEEP_PDF) fs.copyFileSync(path.join(dir, "r.pdf"), process.env.DAYBOOK_KEEP_PDF);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exports cohort progress as CSV a spreadsheet opens and JSON, with partial scores as decimals", async () => {
    await demo.client.team.create({ data: { cohortId, name: "=HYPERLINK(\"http://x\")", joinCode: "FORMULA1", joinCodeExpiresAt: new Date(Date.now() + 86_400_000) } });
    await demo.client.run.create({ data: { teamId: demo.borealis, stepId: "d03-s1", kind: "VERIFY", status: "FAILED", finishedAt: new Date(), summary: "1 of 3", results: { type: "verify", checks: [], verdict: { status: "FAILED", passed: 1, total: 3, summary: "1 of 3 checks met" } } } });
    await demo.client.gateOverride.create({ data: { teamId: demo.borealis, stepId: "d05-s1", reason: "-1 day lost, approved", byId: ines.id } });
    const e = await exportCohortProgress(ines, cohortId);
    expect(e.rows).toHaveLength(3 * 40);
    expect(e.rows.find((r) => r.team === "Team Borealis" && r.stepId === "d03-s1")).toMatchObject({ attempts: 1, checksPassed: 1, checks: 3, score: 0.3333, status: "NOT_STARTED" });
    expect(e.rows.find((r) => r.team === "Team Borealis" && r.stepId === "d05-s1")).toMatchObject({ overridden: true, overrideBy: "Ines Instructor", overrideReason: "-1 day lost, approved" });
    expect(e.rows.find((r) => r.team === "Team Atlas" && r.stepId === "d03-s1")).toMatchObject({ status: "VERIFIED", attempts: 1, score: 1, firstVerifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const csv = progressCsv(e);
    expect(csv.startsWith("\uFEFFcohort,team,day,step,step_id,title,status,attempts,first_verified_at,overridden,override_by,override_reason,checks_passed,checks,score\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(3 * 40 + 2);
    expect(csv).toContain(`Demo cohort,"'=HYPERLINK(""http://x"")",1,Step 1.1,d01-s1,`);
    expect(csv).toContain(`,yes,Ines Instructor,"'-1 day lost, approved",`);
    expect(csv).toContain(",1,3,0.3333\r\n");
    expect((await exportCohortProgress(sam, cohortId)).rows).toHaveLength(120);
    await expect(exportCohortProgress(alice, cohortId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
