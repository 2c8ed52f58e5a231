import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { saveStepNote } from "@/lib/data/notes";
import { getSignoffView, signOff } from "@/lib/signoff/data";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { seedFinishedCourse } from "@/tests/support/finished-course";
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
    const note = await saveStepNote(alice, { teamId: demo.atlas, stepId: "d04-s1", body: "waiting", blocked: true, blockedReason: "No quota for PVCs", baseVersion: 0 });
    await saveStepNote(alice, { teamId: demo.atlas, stepId: "d04-s1", body: "quota raised by ops", blocked: false, blockedReason: null, baseVersion: note.version });
    await saveStepNote(alice, { teamId: demo.atlas, stepId: "d12-s1", body: "", blocked: true, blockedReason: "Ingress DNS pending", baseVersion: 0 });
    await seedFinishedCourse(demo.client, { teamId: demo.atlas, actorId: alice.id, finalValidation: { outcome: "passed", at: new Date() } });
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
    expect(r.lessons).toMatchObject({ text: "Start the cluster on day 1.\n\n- Ask for quota early.", updatedBy: "Amir Atlas", version: 2 });
    expect(r.signoffs).toEqual([expect.objectContaining({ role: "Technical lead", signer: "Alice Atlas", comment: "Ready | shipped", evidenceSha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(r.timeline.some((t) => t.text === "Phase 1 (Foundation & Preparation) complete")).toBe(true);
    expect(r.performance.rows.map((p) => [p.number, p.status])).toEqual([["10.2", "pass"], ["15.1", "pass"], ["18.1", "pass"], ["20.1", "pass"]]);
    expect(r.performance.note).toBe("The latest verification of each step with performance checks.");
  });

  it("shows stakeholders no blockers, and nobody outside the cohort anything", async () => {
    expect((await getClosureReport(sam, demo.atlas)).blockers).toBeNull();
    await expect(getClosureReport(await actorFor(demo.client, "bea@daybook.local"), demo.atlas)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("renders Markdown and a PDF whose first page shows the team and its sign-offs", async () => {
    const r = await getClosureReport(alice, demo.atlas);
    const md = closureMarkdown(r);
    expect(md.split("\n")[0]).toBe("# Project closure report: Team Atlas");
    for (const h of ["## Status per phase", "## Sign-offs (Step 20.2)", "## Lessons learned", "## Blockers and how they were solved", "## Performance results", "## Run statistics", "## Timeline"]) expect(md).toContain(h);
    expect(md).toContain("Ready \\| shipped");
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
