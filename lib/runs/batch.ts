import "server-only";
import { randomUUID } from "node:crypto";
import { findStep, loadCourse } from "@/lib/course/load";
import type { Step } from "@/lib/course/schema";
import { getDb } from "@/lib/db/prisma";
import { prismaExecutor } from "@/lib/db/queue-sql";
import type { Prisma } from "@/lib/generated/prisma/client";
import { BATCH_QUEUE, getBoss, type BatchJob } from "@/lib/queue/boss";
import { runPolicy } from "@/lib/queue/policy";
import { notifyLocalWorkers } from "@/lib/queue/worker";
import { appendAudits } from "@/lib/audit/append";
import { workBatchChildren, type HoldRun } from "./run-job";
import { LAUNCH_TX, openedEvent, type TakenRun } from "./store";

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** Re-verify all, as asked for: one parent job on the queue, which starts the children on a worker. */
export async function enqueueBatch(teamId: string, steps: Step[], actorId: string | null, opts: { settleScale?: number } = {}): Promise<string> {
  const db = await getDb();
  const boss = await getBoss();
  const policy = runPolicy({ kind: "REVERIFY_ALL" });
  const batchId = await db.$transaction(async (tx) => {
    const batch = await tx.runBatch.create({ data: { teamId, startedById: actorId, stepIds: json(steps.map((s) => s.id)), jobId: randomUUID(), settleScale: opts.settleScale }, select: { id: true, jobId: true } });
    await boss.send(BATCH_QUEUE, { batchId: batch.id } satisfies BatchJob, { id: batch.jobId!, retryLimit: policy.retryLimit, retryDelay: 1, expireInSeconds: 60, db: prismaExecutor(tx) });
    return batch.id;
  }, LAUNCH_TX);
  // This process's worker takes it now rather than at its next poll (up to a second away).
  notifyLocalWorkers(boss);
  return batchId;
}

/**
 * The parent job: one VERIFY run per step, all created in one transaction with the batch's total, so its
 * progress ("23 of 31 steps") never runs ahead of it, and taken by this worker at once: it runs them
 * together over shared reads (workBatchChildren). A step that already has an active run is left to that
 * run. Run again after a crash, it adds nothing; the children a dead worker held get jobs of their own.
 */
export async function workBatchJob({ batchId }: BatchJob, workerId: string, hold: HoldRun): Promise<void> {
  const db = await getDb();
  const batch = await db.runBatch.findUnique({ where: { id: batchId } });
  if (!batch || batch.total > 0 || batch.finishedAt) return;
  const course = loadCourse();
  const steps = (batch.stepIds as string[]).map((id) => findStep(course, id)).filter((s): s is Step => s !== undefined);
  const children = await db.$transaction(async (tx) => {
    const active = new Set((await tx.run.findMany({ where: { teamId: batch.teamId, status: "RUNNING" }, select: { stepId: true } })).map((r) => r.stepId));
    // The job ids are reserved, not sent: a child gets a job of its own only if this worker lets go of it.
    const created = await tx.run.createManyAndReturn({
      data: steps.filter((s) => !active.has(s.id)).map((step) => ({ teamId: batch.teamId, stepId: step.id, kind: "VERIFY" as const, startedById: batch.startedById, batchId, jobId: randomUUID(), workerId, attempt: 1, workStartedAt: new Date(), activeKey: `${batch.teamId}:${step.id}`, summary: "Running.", results: json({ type: "verify", checks: [] }) })),
      select: { id: true, stepId: true },
    });
    const taken: TakenRun[] = created.map((run) => ({ lease: { runId: run.id, attempt: 1, workerId }, run: { id: run.id, teamId: batch.teamId, stepId: run.stepId, kind: "VERIFY", operationId: null, startedById: batch.startedById, batchId, cancelRequested: false, previousAttempts: 0 } }));
    const total = taken.length;
    await tx.runBatch.update({ where: { id: batchId }, data: { total, ...(total === 0 ? { finishedAt: new Date() } : {}) } });
    await appendAudits(tx, taken.map(({ run }) => openedEvent({ ...run, operationId: undefined })));
    return taken;
  }, LAUNCH_TX);
  await workBatchChildren(children, batch.teamId, workerId, hold, batch.settleScale ?? undefined);
}

export type BatchProgress = { batchId: string; total: number; done: number; failed: number; finished: boolean; summary: string };

/** "23 of 31 steps": how far the children of one re-verify all have come. */
export async function batchProgress(batchId: string): Promise<BatchProgress | null> {
  const db = await getDb();
  const batch = await db.runBatch.findUnique({ where: { id: batchId }, select: { id: true, total: true, finishedAt: true, stepIds: true } });
  if (!batch) return null;
  const counts = await db.run.groupBy({ by: ["status"], where: { batchId }, _count: true });
  const count = (pred: (s: string) => boolean) => counts.filter((c) => pred(c.status)).reduce((n, c) => n + c._count, 0);
  const done = count((s) => s !== "RUNNING");
  const failed = count((s) => s === "FAILED" || s === "ERROR" || s === "INTERRUPTED");
  const planned = (batch.stepIds as string[]).length;
  const starting = batch.total === 0 && !batch.finishedAt;
  const total = starting ? planned : batch.total;
  const finished = batch.finishedAt !== null;
  const summary = starting ? `Starting: ${planned} steps to re-check.` : finished ? `Done: ${done} of ${total} steps re-checked${failed ? `, ${failed} not passing` : ""}.` : `${done} of ${total} steps${failed ? ` (${failed} not passing)` : ""}.`;
  return { batchId, total, done, failed, finished, summary };
}
