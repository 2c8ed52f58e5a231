/**
 * course:test, in the spirit of Instruqt's `track test`: for each step, its checks must fail on an empty
 * namespace, pass once the step (and everything before it) is applied through the engine, and fail again
 * after each break the course data declares, then pass after the repair.
 */
import type { CheckResult } from "@/lib/checks/types";
import { allSteps, loadCourse } from "@/lib/course/load";
import type { Operation, Step } from "@/lib/course/schema";
import { getDb } from "@/lib/db/prisma";
import { launchRun } from "@/lib/runs/launch";
import { stepLoadTargets } from "@/lib/load/plan";
import type { ApplyResults, LoadRunResults, OperationResults, VerifyResults } from "@/lib/runs/types";
import { manifestFilesOf } from "@/lib/runs/objects-for-step";
import { startTestWorker } from "@/tests/support/worker";

export type Phase = { phase: string; ok: boolean; detail: string };

const automated = (s: Step) => s.checks.filter((c) => c.kind !== "manual");
const statusOf = (results: CheckResult[]) => new Map(results.map((r) => [r.checkId, r]));

async function run(teamId: string, step: Step, kind: "APPLY" | "OPERATION" | "VERIFY" | "LOAD", extra: { operation?: Operation; settleScale?: number; force?: boolean } = {}) {
  // Runs go through the job queue: this process works them (started once, on the first run).
  await startTestWorker();
  const launched = await launchRun({ teamId, step, kind, actorId: null, ...extra });
  await launched.done;
  return (await getDb()).run.findUniqueOrThrow({ where: { id: launched.runId } });
}

/** Applies the step's manifests and runs its operations, as a student would from the step page. */
export async function doStep(teamId: string, step: Step): Promise<string[]> {
  const problems: string[] = [];
  if (manifestFilesOf(step).length > 0) {
    const r = await run(teamId, step, "APPLY");
    if (r.status !== "PASSED") problems.push(`apply: ${r.summary} ${JSON.stringify((r.results as unknown as ApplyResults).objects.filter((o) => o.failure))}`);
  }
  for (const op of step.operations ?? []) {
    const r = await run(teamId, step, "OPERATION", { operation: op });
    if (r.status !== "PASSED") problems.push(`${op.id}: ${r.summary} | ${(r.results as unknown as OperationResults).log.slice(-5).join(" / ")}`);
  }
  return problems;
}

async function operate(teamId: string, step: Step, ops: Operation[]): Promise<string[]> {
  const problems: string[] = [];
  for (const op of ops) {
    const r = await run(teamId, { ...step, operations: [op] }, "OPERATION", { operation: op });
    if (r.status !== "PASSED") problems.push(`${op.id}: ${r.summary}`);
  }
  return problems;
}

/** Verifies the step; a step with a performance test runs it (DAYBOOK_TIME_SCALE shortens the load), which judges every check. */
export async function verify(teamId: string, step: Step, settleScale?: number): Promise<CheckResult[]> {
  const r = await run(teamId, step, stepLoadTargets(step).length ? "LOAD" : "VERIFY", { settleScale });
  return (r.results as unknown as VerifyResults | LoadRunResults).checks;
}

const describe = (results: CheckResult[], ids: string[]) => ids.map((id) => `${id}=${statusOf(results).get(id)?.status ?? "not run"} (${statusOf(results).get(id)?.actual ?? ""})`).join("; ");

/** Before: on a namespace where nothing was done, every automated check fails (unless the course says why not). */
export function judgeBefore(step: Step, results: CheckResult[]): Phase {
  const allowed = new Set((step.selfTest?.passBefore ?? []).map((p) => p.check));
  const by = statusOf(results);
  const wrong = automated(step).filter((c) => (allowed.has(c.id) ? by.get(c.id)?.status !== "pass" : by.get(c.id)?.status !== "fail" || !by.get(c.id)?.actual));
  return { phase: "before", ok: wrong.length === 0, detail: wrong.length ? `expected to fail: ${describe(results, wrong.map((c) => c.id))}` : `${automated(step).length - allowed.size} failed as they should${allowed.size ? `, ${allowed.size} hold anyway` : ""}` };
}

export function judgeAfter(step: Step, results: CheckResult[], phase = "after"): Phase {
  const by = statusOf(results);
  const wrong = automated(step).filter((c) => by.has(c.id) && by.get(c.id)!.status !== "pass");
  return { phase, ok: wrong.length === 0, detail: wrong.length ? `expected to pass: ${describe(results, wrong.map((c) => c.id))}` : `${results.length} passed` };
}

/** The default repair: every course manifest up to this step applied again, in order (as `kubectl apply -f` of each). */
async function reapplyUpTo(teamId: string, step: Step): Promise<string[]> {
  const steps = allSteps(loadCourse());
  const upTo = steps.slice(0, steps.findIndex((s) => s.id === step.id) + 1).filter((s) => manifestFilesOf(s).length > 0);
  const problems: string[] = [];
  for (const s of upTo) {
    // Forced: the break may have taken over fields (an edited ConfigMap), as a student's kubectl edit would.
    const r = await run(teamId, s, "APPLY", { force: true });
    if (r.status !== "PASSED") problems.push(`re-apply ${s.number}: ${r.summary}`);
  }
  return problems;
}

export async function breaksOf(teamId: string, step: Step): Promise<Phase[]> {
  const phases: Phase[] = [];
  for (const [i, b] of (step.selfTest?.breaks ?? []).entries()) {
    const label = `break ${i + 1} (${b.do.map((o) => o.id).join(", ")})`;
    const broke = await operate(teamId, step, b.do);
    if (broke.length) {
      phases.push({ phase: label, ok: false, detail: `the break itself failed: ${broke.join("; ")}` });
      continue;
    }
    // Controllers take a moment to notice a break (a PDB's healthy count, say): look again for up to 30 s.
    let results: CheckResult[] = [];
    let missed: string[] = b.fails;
    for (const started = Date.now(); missed.length > 0 && Date.now() - started < 30_000; ) {
      if (results.length) await new Promise((r) => setTimeout(r, 2000));
      results = await verify(teamId, step, 0);
      const by = statusOf(results);
      missed = b.fails.filter((id) => by.get(id)?.status !== "fail");
    }
    phases.push({ phase: label, ok: missed.length === 0, detail: missed.length ? `should fail but: ${describe(results, missed)}` : `${b.fails.join(", ")} failed as they should` });
    const repaired = b.repair ? await operate(teamId, step, b.repair) : await reapplyUpTo(teamId, step);
    phases.push(repaired.length ? { phase: `${label} repair`, ok: false, detail: repaired.join("; ") } : judgeAfter(step, await verify(teamId, step), `${label} repaired`));
  }
  return phases;
}

/** The steps course:test covers: every step with an automated check (COURSE_TEST_STEPS=d03-s1,… narrows it). */
export function stepsUnderTest(): Step[] {
  const wanted = process.env.COURSE_TEST_STEPS?.split(",").map((s) => s.trim()).filter(Boolean);
  const steps = allSteps(loadCourse()).filter((s) => automated(s).length > 0);
  if (!wanted?.length) return steps;
  const last = Math.max(...wanted.map((w) => steps.findIndex((s) => s.id === w || s.number === w)));
  // A later step needs every step before it done, so the range runs from the start.
  return steps.slice(0, last + 1);
}
