import { allSteps, loadCourse } from "@/lib/course/load";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isPerformanceCheck } from "@/lib/reports/performance";
import { recordedLoad } from "./load-fixture";

/**
 * TEST FIXTURE, never used by the app: a team that has done the whole course, written straight into
 * the database (a passing verification of every automated step, an attestation of every manual
 * check), without a cluster. `finalValidation` says how Step 20.1's latest verification ended and when.
 * Performance checks are recorded as passed; the performance tests they judge are written only with
 * `performanceTests` (a passing LOAD run of each performance step, at that time scale, but for `skip`).
 */
export async function seedFinishedCourse(
  db: PrismaClient,
  input: { teamId: string; actorId: string; finalValidation: { outcome: "passed" | "failed" | "none"; at: Date }; performanceTests?: { timeScale: number; skip?: string[] } },
): Promise<void> {
  const course = loadCourse();
  const steps = allSteps(course);
  const final = steps[steps.findIndex((s) => s.signoff) - 1]!;
  const earlier = new Date(input.finalValidation.at.getTime() - 3_600_000);
  for (const step of steps) {
    const automated = step.checks.filter((c) => c.kind !== "manual");
    const manual = step.checks.filter((c) => c.kind === "manual");
    const isFinal = step.id === final.id;
    if (isFinal && input.finalValidation.outcome === "none") continue;
    if (step.signoff) continue; // Step 20.2 is what is being signed.
    const at = isFinal ? input.finalValidation.at : earlier;
    let status: "VERIFIED" | "ATTESTED" | "FAILED" = automated.length ? "VERIFIED" : "ATTESTED";
    const perf = input.performanceTests;
    if (perf && step.checks.some(isPerformanceCheck) && !perf.skip?.includes(step.id)) {
      const load = recordedLoad(step, { timeScale: perf.timeScale });
      const failed = load.targets.some((t) => t.judgement?.status !== "pass");
      const finishedAt = new Date(at.getTime() - 2000);
      await db.run.create({
        data: {
          teamId: input.teamId,
          stepId: step.id,
          kind: "LOAD",
          status: failed ? "FAILED" : "PASSED",
          startedById: input.actorId,
          startedAt: new Date(finishedAt.getTime() - load.elapsedMs),
          finishedAt,
          durationMs: load.elapsedMs,
          summary: failed ? "fixture: the load test failed" : "fixture: performance test passed",
          results: { type: "load", load, checks: [] },
        },
      });
    }
    if (automated.length) {
      const failing = isFinal && input.finalValidation.outcome === "failed";
      const checks = automated.map((c, i) => {
        const status = failing && i === 0 ? "fail" : "pass";
        return { checkId: c.id, title: c.title, kind: c.kind, status, expected: "fixture", actual: "fixture", evidence: [], durationMs: 1 };
      });
      const unmet = checks.filter((c) => c.status !== "pass").length;
      if (unmet) status = "FAILED";
      await db.run.create({
        data: {
          teamId: input.teamId,
          stepId: step.id,
          kind: "VERIFY",
          status: unmet ? "FAILED" : "PASSED",
          startedById: input.actorId,
          startedAt: new Date(at.getTime() - 1000),
          finishedAt: at,
          durationMs: 1000,
          summary: failing ? "fixture: not every check met" : `${checks.length} of ${checks.length} checks met`,
          results: { type: "verify", checks },
        },
      });
    }
    if (manual.length) {
      await db.run.create({
        data: { teamId: input.teamId, stepId: step.id, kind: "ATTEST", status: "PASSED", startedById: input.actorId, startedAt: at, finishedAt: at, durationMs: 0, summary: "fixture attestation", results: { type: "attest", attestations: manual.map((c) => ({ checkId: c.id, prompt: c.prompt, fields: {} })) } },
      });
    }
    const current = await db.stepProgress.findUnique({ where: { teamId_stepId: { teamId: input.teamId, stepId: step.id } }, select: { status: true } });
    await db.stepProgress.upsert({ where: { teamId_stepId: { teamId: input.teamId, stepId: step.id } }, create: { teamId: input.teamId, stepId: step.id, status, updatedById: input.actorId }, update: { status } });
    if (current?.status !== status) await db.stepEvent.create({ data: { teamId: input.teamId, stepId: step.id, actorId: input.actorId, fromStatus: current?.status ?? "NOT_STARTED", toStatus: status, at } });
  }
}
