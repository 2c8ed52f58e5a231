import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/prisma";
import { prismaExecutor } from "@/lib/db/queue-sql";
import type { Prisma, RunKind, RunStatus } from "@/lib/generated/prisma/client";
import { isUniqueViolation } from "@/lib/data/db-errors";
import { appendAudit } from "@/lib/audit/append";
import type { AuditInput } from "@/lib/audit/types";
import { getBoss, RUN_QUEUE, type RunJob } from "@/lib/queue/boss";
import { runPolicy, type RunPolicy } from "@/lib/queue/policy";
import { findStep, loadCourse } from "@/lib/course/load";
import { emitRunClosed } from "./run-events";
import type { RunResults } from "./types";

export type StartedRun = { id: string; created: boolean };

/** A worker's hold on one attempt of a run: every write it makes must still match it. */
export type Lease = { runId: string; attempt: number; workerId: string };

/** The run was taken over (its worker was presumed dead) or closed by someone else: stop writing. */
export class LeaseLost extends Error {
  constructor(readonly runId: string) {
    super(`Run ${runId} is no longer held by this worker.`);
  }
}

const activeKeyOf = (teamId: string, stepId: string) => `${teamId}:${stepId}`;

/** The audit event of a run being opened (here, or by re-verify all's parent job). */
export const openedEvent = (run: { id: string; teamId: string; stepId: string; kind: RunKind; operationId?: string; startedById: string | null; batchId?: string | null }): AuditInput => ({
  type: "run.opened",
  actorId: run.startedById,
  teamId: run.teamId,
  subject: run.id,
  data: { stepId: run.stepId, kind: run.kind, operationId: run.operationId, batchId: run.batchId ?? undefined },
});
const json = (value: unknown) => value as Prisma.InputJsonValue;
const held = (lease: Lease) => ({ id: lease.runId, attempt: lease.attempt, workerId: lease.workerId, status: "RUNNING" as const });

export const QUEUED_SUMMARY = "Queued: waiting for a worker.";

/** A whole cohort clicking at once queues for the pool's connections: waiting beats Prisma's 2 s default refusal. */
export const LAUNCH_TX = { maxWait: 15_000, timeout: 15_000 };

/**
 * Opens a run and puts its job on the queue in one transaction, unless a run is already active for this
 * team and step: a double click, or two teammates at once, get the run that is already going.
 */
export async function openRun(input: { teamId: string; stepId: string; kind: RunKind; operationId?: string; startedById: string | null; clusterServer?: string; batchId?: string; results: RunResults; job: Omit<RunJob, "runId">; policy: RunPolicy }): Promise<StartedRun> {
  const db = await getDb();
  const boss = await getBoss();
  const { job, policy, ...row } = input;
  const jobId = randomUUID();
  try {
    const run = await db.$transaction(async (tx) => {
      const created = await tx.run.create({ data: { ...row, results: json(row.results), activeKey: activeKeyOf(row.teamId, row.stepId), jobId, summary: QUEUED_SUMMARY }, select: { id: true } });
      await boss.send(RUN_QUEUE, { ...job, runId: created.id }, { id: jobId, retryLimit: policy.retryLimit, retryDelay: 1, expireInSeconds: policy.expireInSeconds, db: prismaExecutor(tx) });
      await appendAudit(tx, openedEvent({ ...row, id: created.id }));
      return created;
    }, LAUNCH_TX);
    return { id: run.id, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const active = await db.run.findUnique({ where: { activeKey: activeKeyOf(row.teamId, row.stepId) }, select: { id: true } });
    if (active) return { id: active.id, created: false };
    // It finished in between: try once more.
    return openRun(input);
  }
}

export type TakenRun = { lease: Lease; run: { id: string; teamId: string; stepId: string; kind: RunKind; operationId: string | null; startedById: string | null; batchId: string | null; cancelRequested: boolean; previousAttempts: number } };

const attemptRecord = (attempt: number, workerId: string | null, summary: string, results: RunResults) => ({ attempt, workerId, endedAt: new Date().toISOString(), summary, results });

const hasSeenSomething = (r: RunResults) => (r.type === "verify" ? r.checks.length > 0 : r.type === "apply" ? r.objects.length > 0 : r.type === "operation" ? r.log.length > 0 : r.type === "load" ? r.load.targets.length > 0 : true);

/**
 * A worker takes the run the queue gave it. A run that is no longer running (cancelled while queued,
 * or finished by an earlier attempt) is not taken. On a later attempt, what the earlier one saw moves to
 * `attempts` and the run starts over, so nothing it recorded is lost or counted twice.
 */
export async function takeRun(runId: string, workerId: string, fresh: RunResults): Promise<TakenRun | null> {
  const db = await getDb();
  const run = await db.run.findUnique({ where: { id: runId }, select: { id: true, teamId: true, stepId: true, kind: true, operationId: true, startedById: true, batchId: true, status: true, attempt: true, workerId: true, summary: true, results: true, attempts: true, workStartedAt: true, cancelRequestedAt: true } });
  if (!run || run.status !== "RUNNING") return null;
  const results = run.results as unknown as RunResults;
  const earlier = run.attempts as unknown as unknown[];
  // Still held: pg-boss gave the job out again (the attempt outlived its expiry). A released run already
  // moved its attempt to the history.
  const attempts = run.workerId !== null && run.attempt > 0 && hasSeenSomething(results) ? [...earlier, attemptRecord(run.attempt, run.workerId, run.summary, results)] : earlier;
  const taken = await db.run.updateMany({
    where: { id: runId, attempt: run.attempt, status: "RUNNING" },
    data: { workerId, attempt: run.attempt + 1, workStartedAt: run.workStartedAt ?? new Date(), attempts: json(attempts), results: json(fresh), summary: run.attempt > 0 ? `Running again (attempt ${run.attempt + 1}): the worker of the previous attempt stopped.` : "Running." },
  });
  if (taken.count === 0) return null;
  return { lease: { runId, attempt: run.attempt + 1, workerId }, run: { ...run, cancelRequested: run.cancelRequestedAt !== null, previousAttempts: run.attempt } };
}

export async function saveProgress(lease: Lease, results: RunResults, summary: string): Promise<void> {
  const { count } = await (await getDb()).run.updateMany({ where: held(lease), data: { results: json(results), summary } });
  if (count === 0) throw new LeaseLost(lease.runId);
}

type Outcome = { status: RunStatus; summary: string; results: RunResults; serverVersion?: string };
type Tx = Prisma.TransactionClient;

type Finished = { event: AuditInput; batchFinished: string | null };

/** Closes the run if `where` still holds; returns the audit event to append last in the transaction, and the batch this run was the last of. */
async function finish(tx: Tx, where: Prisma.RunWhereInput, runId: string, outcome: Outcome): Promise<Finished | null> {
  const run = await tx.run.findUnique({ where: { id: runId }, select: { startedAt: true, batchId: true, teamId: true, stepId: true, kind: true, startedById: true, workerId: true, attempt: true } });
  if (!run) return null;
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - run.startedAt.getTime();
  const { count } = await tx.run.updateMany({ where: { ...where, id: runId }, data: { ...outcome, results: json(outcome.results), finishedAt, durationMs, activeKey: null } });
  if (count === 0) return null;
  const lastOfBatch = run.batchId ? await tx.$executeRaw`UPDATE "RunBatch" SET "finishedAt" = now() WHERE id = ${run.batchId} AND "finishedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM "Run" WHERE "batchId" = ${run.batchId} AND status = 'RUNNING')` : 0;
  const data = { stepId: run.stepId, kind: run.kind, status: outcome.status, durationMs, attempt: run.attempt, workerId: run.workerId, summary: outcome.summary.slice(0, 500) };
  return { event: { type: outcome.status === "INTERRUPTED" ? "run.interrupted" : "run.closed", actorId: run.startedById, teamId: run.teamId, subject: runId, data }, batchFinished: lastOfBatch > 0 ? run.batchId : null };
}

/**
 * Closes the attempt the lease holds, and in the same transaction whatever the run established (a step's
 * verdict): a run taken over by another worker is closed by that one only, so nothing is recorded twice.
 */
export async function closeRun(lease: Lease, outcome: Outcome, alsoRecord?: (tx: Tx) => Promise<unknown>): Promise<boolean> {
  const closed = await (await getDb()).$transaction(async (tx) => {
    const closed = await finish(tx, held(lease), lease.runId, outcome);
    if (!closed) return null;
    if (alsoRecord) await alsoRecord(tx);
    // Appended last: the audit chain's head lock is taken after every other row this transaction writes.
    await appendAudit(tx, closed.event);
    return closed;
  });
  if (closed) emitRunClosed(lease.runId, closed.batchFinished);
  return closed !== null;
}

/** Closes a run nobody holds (cancelled while queued, or abandoned by a dead worker). */
export async function closeUnheldRun(runId: string, heldBy: string | null, outcome: Outcome, alsoInTx?: (tx: Tx) => Promise<unknown>): Promise<boolean> {
  const closed = await (await getDb()).$transaction(async (tx) => {
    const closed = await finish(tx, { status: "RUNNING", workerId: heldBy }, runId, outcome);
    if (!closed) return null;
    if (alsoInTx) await alsoInTx(tx);
    await appendAudit(tx, closed.event);
    return closed;
  });
  if (closed) emitRunClosed(runId, closed.batchFinished);
  return closed !== null;
}

/**
 * Gives the run back to the queue (its job is retried): on SIGTERM, or when its worker died. What the
 * attempt saw moves to the run's history with the worker that saw it.
 */
export async function releaseRun(runId: string, heldBy: string, summary: string, alsoInTx?: (tx: Tx) => Promise<unknown>): Promise<boolean> {
  return (await getDb()).$transaction(async (tx) => {
    const run = await tx.run.findUnique({ where: { id: runId }, select: { attempt: true, summary: true, results: true, attempts: true, teamId: true, stepId: true, kind: true, startedById: true } });
    if (!run) return false;
    const history = [...(run.attempts as unknown as unknown[]), attemptRecord(run.attempt, heldBy, run.summary, run.results as unknown as RunResults)];
    const { count } = await tx.run.updateMany({ where: { id: runId, workerId: heldBy, attempt: run.attempt, status: "RUNNING" }, data: { workerId: null, summary, attempts: json(history) } });
    if (count === 0) return false;
    if (alsoInTx) await alsoInTx(tx);
    await appendAudit(tx, { type: "run.requeued", actorId: run.startedById, teamId: run.teamId, subject: runId, data: { stepId: run.stepId, kind: run.kind, attempt: run.attempt, workerId: heldBy, summary: summary.slice(0, 500) } });
    return true;
  });
}

/**
 * Gives a run back to the queue for another worker (its own worker was shut down or died): its job is
 * failed, so pg-boss gives it out again, or, for a run that never had a job of its own (a re-verify all's
 * child, which the parent's worker runs), the job reserved for it is sent now.
 */
export async function requeueRun(runId: string, heldBy: string, summary: string): Promise<boolean> {
  const db = await getDb();
  const run = await db.run.findUnique({ where: { id: runId }, select: { jobId: true, kind: true, stepId: true, batchId: true } });
  if (!run?.jobId) return false;
  const batch = run.batchId ? await db.runBatch.findUnique({ where: { id: run.batchId }, select: { settleScale: true } }) : null;
  const jobId = run.jobId;
  const boss = await getBoss();
  const job = await boss.getJobById(RUN_QUEUE, jobId, { includeArchive: true });
  return releaseRun(runId, heldBy, summary, async (tx) => {
    const inTx = prismaExecutor(tx);
    if (job) return boss.fail(RUN_QUEUE, jobId, { message: summary }, { db: inTx });
    const policy = runPolicy({ kind: run.kind, step: findStep(loadCourse(), run.stepId) });
    return boss.send(RUN_QUEUE, { runId, settleScale: batch?.settleScale ?? undefined } satisfies RunJob, { id: jobId, retryLimit: policy.retryLimit, retryDelay: 1, expireInSeconds: policy.expireInSeconds, db: inTx });
  });
}

