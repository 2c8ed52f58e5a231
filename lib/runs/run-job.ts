import "server-only";
import type { ReadMemo } from "@/lib/checks/reads";
import type { CheckResult } from "@/lib/checks/types";
import { getDb } from "@/lib/db/prisma";
import { findStep, loadCourse } from "@/lib/course/load";
import type { Step } from "@/lib/course/schema";
import type { RunKind } from "@/lib/generated/prisma/client";
import { serverVersion } from "@/lib/k8s/version";
import type { RunJob } from "@/lib/queue/boss";
import { runPolicy, type RunPolicy } from "@/lib/queue/policy";
import { openTeamConnection, type TeamConnection } from "./connection";
import { applyStep, operateStep, readsFor, verifyStep } from "./execute";
import { stepLoadTargets } from "@/lib/load/plan";
import { priorObservations } from "./history";
import { executeLoadRun, initialLoadResults, latestLoadOutcomes, type LoadRunSink } from "./load-run";
import { recordRunVerdict } from "./step-status";
import { closeRun, LeaseLost, releaseRun, requeueRun, saveProgress, takeRun, type Lease, type TakenRun } from "./store";
import type { ApplyResults, RunResults, VerifyResults } from "./types";
import { interruptedSummary } from "./summaries";
import { stepVerdict } from "./verdict";

/** Why a worker asked a running attempt to stop. */
export type StopReason = "cancel" | "shutdown" | "lost";

/** The worker's side of one job: the signal it aborts (with a StopReason), and letting go when done. */
export type Hold = { signal: AbortSignal; release(): void };
export type HoldRun = (runId: string, policy: RunPolicy) => Hold;

/** The job could not finish here (SIGTERM): pg-boss is to try it again on another worker. */
export class Checkpointed extends Error {}

const reasonOf = (signal: AbortSignal): StopReason | undefined => (signal.aborted ? (signal.reason as StopReason) : undefined);

/** What a run of `kind` holds before it has seen anything (a performance test needs its step's plan). */
export function freshResults(kind: RunKind, job: RunJob, step: Step | undefined): RunResults {
  if (kind === "VERIFY") return { type: "verify", checks: [] };
  if (kind === "LOAD") return step ? initialLoadResults(step) : { type: "load", checks: [], load: { phase: "starting", timeScale: 1, plannedMs: 0, elapsedMs: 0, targets: [] } };
  if (kind === "OPERATION") return { type: "operation", operation: job.operation?.id ?? "", log: [] };
  return { type: "apply", dryRun: kind === "PREVIEW", force: job.force ?? false, objects: [] };
}

function applySummary(r: ApplyResults): { status: "PASSED" | "FAILED"; summary: string } {
  if (r.problem) return { status: "FAILED", summary: r.problem };
  const count = (v: string) => r.objects.filter((o) => o.verb === v).length;
  const would = r.dryRun ? "would be " : "";
  const parts = [`${count("created")} ${would}created`, `${count("configured")} ${would}changed`, `${count("unchanged")} unchanged`];
  const failed = r.objects.filter((o) => o.verb === "failed");
  if (failed.length === 0) return { status: "PASSED", summary: parts.join(", ") };
  const applied = r.dryRun ? "" : `; ${r.objects.length - failed.length} of ${r.objects.length} applied`;
  return { status: "FAILED", summary: `${failed.length} ${r.dryRun ? "would fail" : "failed"} (${failed.map((f) => f.ref).join(", ")})${applied}` };
}

type Attempt = { lease: Lease; kind: RunKind; teamId: string; step: Step; actorId: string | null; job: RunJob; conn: TeamConnection; signal: AbortSignal; policy: RunPolicy; memo?: ReadMemo };

type Outcome = Parameters<typeof closeRun>[1];

/**
 * Ends the attempt: closes it, or, when the worker is shutting down, hands it back with what it saw (a
 * kind that is retried) or closes it as interrupted, keeping what it saw (a kind that is not).
 */
async function conclude(a: Attempt, outcome: Outcome, verdict?: Parameters<typeof recordRunVerdict>[2]): Promise<void> {
  const reason = reasonOf(a.signal);
  if (reason === "lost") throw new LeaseLost(a.lease.runId);
  if (reason === "shutdown" && a.policy.onLost === "retry") {
    await saveProgress(a.lease, outcome.results, `Stopped when its worker shut down: ${outcome.summary}`);
    throw new Checkpointed();
  }
  if (reason === "shutdown") {
    const summary = interruptedSummary("its worker was shut down", outcome.results, outcome.summary);
    if (!(await closeRun(a.lease, { ...outcome, status: "INTERRUPTED", summary }))) throw new LeaseLost(a.lease.runId);
    return;
  }
  const closed = await closeRun(a.lease, outcome, verdict ? (tx) => recordRunVerdict(a.teamId, a.step.id, verdict, a.lease.runId, a.actorId, tx) : undefined);
  if (!closed) throw new LeaseLost(a.lease.runId);
}

async function execute(a: Attempt): Promise<void> {
  // A re-verify all's children ask the server's version once between them.
  const version = await (a.memo ? readsFor(a.conn, undefined, a.memo).version() : serverVersion(a.conn.kc));
  const serverVersionText = version.ok ? version.value.gitVersion : undefined;
  if (a.kind === "PREVIEW" || a.kind === "APPLY") {
    const results = await applyStep(a.conn, a.step, { dryRun: a.kind === "PREVIEW", force: a.job.force ?? false });
    // An apply is not stopped halfway: having finished it, it is closed even on shutdown.
    const closed = await closeRun(a.lease, { ...applySummary(results), results, serverVersion: serverVersionText });
    if (!closed) throw new LeaseLost(a.lease.runId);
    return;
  }
  if (a.kind === "LOAD") return executeLoad(a, serverVersionText);
  const prior = await priorObservations(a.teamId, a.step.id);
  if (a.kind === "OPERATION") {
    const { ok: succeeded, message, ...results } = await operateStep(a.conn, a.step, a.job.operation!, prior.passedBefore);
    const closed = await closeRun(a.lease, { status: succeeded ? "PASSED" : "FAILED", summary: message, results, serverVersion: serverVersionText });
    if (!closed) throw new LeaseLost(a.lease.runId);
    return;
  }
  const seen: CheckResult[] = [];
  let saving = Promise.resolve();
  const stop = new AbortController();
  a.signal.addEventListener("abort", () => stop.abort(a.signal.reason), { once: true });
  const results: VerifyResults = await verifyStep(a.conn, a.step, {
    passedBefore: prior.passedBefore,
    settleScale: a.job.settleScale,
    signal: stop.signal,
    // Only a performance test's checks judge its last measurement; other steps need not read for one.
    loadOutcome: stepLoadTargets(a.step).length > 0 ? await latestLoadOutcomes(a.teamId, a.step.id) : undefined,
    memo: a.memo,
    // A re-verify all's child reports progress as a step done; a single verification check by check.
    onResult: a.memo ? undefined : (r) => {
      seen.push(r);
      const progress: VerifyResults = { type: "verify", checks: [...seen] };
      saving = saving.then(() => saveProgress(a.lease, progress, `${seen.length} checks done`)).catch((error: unknown) => {
        if (error instanceof LeaseLost) stop.abort("lost");
        else throw error;
      });
    },
  });
  await saving;
  if (stop.signal.aborted && stop.signal.reason === "lost") throw new LeaseLost(a.lease.runId);
  const verdict = stepVerdict({ checks: a.step.checks, results: results.checks, previous: prior.status, passedBefore: prior.passedBefore, attested: prior.attested });
  const cancelled = reasonOf(a.signal) === "cancel";
  const status = cancelled ? "CANCELLED" : verdict.status === "VERIFIED" || verdict.status === "ATTESTED" ? "PASSED" : verdict.status ? "FAILED" : results.checks.some((c) => c.status === "error") ? "ERROR" : "FAILED";
  await conclude(a, { status, summary: cancelled ? `Cancelled: ${verdict.summary}` : verdict.summary, results: { ...results, verdict }, serverVersion: serverVersionText }, cancelled ? undefined : verdict.status);
}

/** A performance test writes through the lease: progress as it goes, then the outcome with its verdict. */
async function executeLoad(a: Attempt, serverVersionText: string | undefined): Promise<void> {
  const stop = new AbortController();
  a.signal.addEventListener("abort", () => stop.abort(a.signal.reason), { once: true });
  const attempt: Attempt = { ...a, signal: stop.signal };
  const sink: LoadRunSink = {
    save: (results, summary) =>
      saveProgress(a.lease, results, summary).catch((error: unknown) => {
        if (!(error instanceof LeaseLost)) throw error;
        // Another worker or a cancel closed it: stop loading the team's service.
        stop.abort("lost" satisfies StopReason);
      }),
    close: (outcome, verdict) => conclude(attempt, outcome, verdict),
  };
  await executeLoadRun({ teamId: a.teamId, step: a.step, settleScale: a.job.settleScale }, sink, a.conn, stop.signal, serverVersionText);
}

const stepOf = (stepId: string): Step | undefined => findStep(loadCourse(), stepId);

/** What one attempt needs besides its run: the team's connection, and for a re-verify all's child the batch's shared reads. */
type Carry = { taken: TakenRun; step: Step | undefined; policy: RunPolicy; job: RunJob; hold: HoldRun; conn: Awaited<ReturnType<typeof openTeamConnection>>; memo?: ReadMemo; handBack: (lease: Lease) => Promise<void> };

/** Runs one attempt of a run this worker has taken, and closes it (or hands it back on shutdown). */
async function carryOut({ taken, step, policy, job, hold, conn, memo, handBack }: Carry): Promise<void> {
  const { lease, run } = taken;
  const held = hold(lease.runId, policy);
  try {
    if (run.cancelRequested) {
      await closeRun(lease, { status: "CANCELLED", summary: "Cancelled before it started.", results: freshResults(run.kind, job, step) });
      return;
    }
    if (!step) {
      await closeRun(lease, { status: "ERROR", summary: `The course has no step ${run.stepId} any more.`, results: freshResults(run.kind, job, step) });
      return;
    }
    if (!conn.ok) {
      await closeRun(lease, { status: "ERROR", summary: conn.message, results: freshResults(run.kind, job, step) });
      return;
    }
    await execute({ lease, kind: run.kind, teamId: run.teamId, step, actorId: run.startedById, job, conn: conn.value, signal: held.signal, policy, memo });
  } catch (error) {
    if (error instanceof LeaseLost) return;
    if (error instanceof Checkpointed) return handBack(lease);
    console.error("[daybook] run failed", lease.runId, error);
    await closeRun(lease, { status: "ERROR", summary: `Daybook could not finish this run: ${error instanceof Error ? error.message : String(error)}`, results: freshResults(run.kind, job, step) }).catch(() => undefined);
  } finally {
    held.release();
  }
}

const HANDED_BACK = "Waiting for another worker: the one running it was shut down.";

/**
 * Runs one job of the run queue on this worker. Returns normally when the job is done with (finished,
 * cancelled, or no longer this worker's); throws Checkpointed when pg-boss should give it to another worker.
 */
export async function workRunJob(job: RunJob, workerId: string, hold: HoldRun): Promise<void> {
  const peek = await takeRunFor(job, workerId);
  if (!peek) return;
  const conn = await openTeamConnection(peek.taken.run.teamId);
  try {
    await carryOut({
      ...peek, job, hold, conn,
      handBack: async (lease) => {
        await releaseRun(lease.runId, workerId, HANDED_BACK);
        throw new Checkpointed();
      },
    });
  } finally {
    if (conn.ok) conn.value.kc.close();
  }
}

/**
 * Re-verify all's children, taken by the parent's worker at creation and run here together over one
 * connection and one set of reads (the steps read the same Deployments, Pods and Services at the same
 * moment). A child handed back on shutdown, or left by a worker that died, gets a job of its own
 * (requeueRun), so any worker finishes it as it would any verification.
 */
export async function workBatchChildren(children: TakenRun[], teamId: string, workerId: string, hold: HoldRun, settleScale?: number): Promise<void> {
  const conn = await openTeamConnection(teamId);
  const memo: ReadMemo = new Map();
  try {
    await Promise.all(
      children.map((taken) => {
        const step = stepOf(taken.run.stepId);
        return carryOut({ taken, step, policy: runPolicy({ kind: "VERIFY", step }), job: { runId: taken.lease.runId, settleScale }, hold, conn, memo, handBack: (lease) => requeueRun(lease.runId, workerId, HANDED_BACK).then(() => undefined) });
      }),
    );
  } finally {
    if (conn.ok) conn.value.kc.close();
  }
}

async function takeRunFor(job: RunJob, workerId: string) {
  const row = await (await getDb()).run.findUnique({ where: { id: job.runId }, select: { kind: true, stepId: true } });
  if (!row) return null;
  const step = stepOf(row.stepId);
  const taken = await takeRun(job.runId, workerId, freshResults(row.kind, job, step));
  return taken ? { taken, step, policy: runPolicy({ kind: row.kind, step }) } : null;
}

/** Closes a run whose attempt cannot go on, keeping what it saw. */
export async function interruptHeld(lease: Lease, why: string): Promise<void> {
  const run = await (await getDb()).run.findUnique({ where: { id: lease.runId }, select: { results: true, summary: true } });
  if (!run) return;
  const results = run.results as unknown as RunResults;
  await closeRun(lease, { status: "INTERRUPTED", summary: interruptedSummary(why, results, run.summary), results });
}
