import "server-only";
import type { Operation, Step } from "@/lib/course/schema";
import { findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { prismaExecutor } from "@/lib/db/queue-sql";
import { AppError } from "@/lib/errors";
import { getBoss, RUN_QUEUE } from "@/lib/queue/boss";
import { runPolicy } from "@/lib/queue/policy";
import { notifyLocalWorkers, stopHeldRun } from "@/lib/queue/worker";
import { freshResults } from "./run-job";
import { closeUnheldRun, openRun } from "./store";
import type { RunResults } from "./types";
import { lazyDone } from "./wait";

export type LaunchInput = {
  teamId: string;
  step: Step;
  kind: "PREVIEW" | "APPLY" | "OPERATION" | "VERIFY" | "LOAD";
  operation?: Operation;
  force?: boolean;
  actorId: string | null;
  batchId?: string;
  settleScale?: number;
};

/** `done` settles when the run is no longer running, on whichever worker it ran; awaiting it is optional. */
export type Launched = { runId: string; created: boolean; done: PromiseLike<void> };

/**
 * Queues a run of the step for the team, unless one is already active (then that one is returned). A
 * worker (in this process with `npm start`, or any `npm run worker`) runs it; progress and outcome are
 * stored as it goes.
 */
export async function launchRun(input: LaunchInput): Promise<Launched> {
  const db = await getDb();
  const cluster = await db.teamCluster.findUnique({ where: { teamId: input.teamId }, select: { server: true } });
  const job = { operation: input.operation, force: input.force, settleScale: input.settleScale };
  const opened = await openRun({
    teamId: input.teamId,
    stepId: input.step.id,
    kind: input.kind,
    operationId: input.operation?.id,
    startedById: input.actorId,
    clusterServer: cluster?.server,
    batchId: input.batchId,
    results: freshResults(input.kind, { runId: "", ...job }, input.step),
    job,
    policy: runPolicy({ kind: input.kind, step: input.step }),
  });
  if (opened.created) notifyLocalWorkers(await getBoss());
  return { runId: opened.id, created: opened.created, done: lazyDone([opened.id]) };
}

/**
 * Cancels a run: a queued one at once (its job is cancelled with it); a running one is asked to stop, and
 * its worker stops waiting within a heartbeat, keeping what it saw. Returns whether there was one to stop.
 */
export async function cancelRun(runId: string): Promise<boolean> {
  const db = await getDb();
  const run = await db.run.findUnique({ where: { id: runId }, select: { status: true, kind: true, stepId: true, workerId: true, jobId: true, results: true } });
  if (!run || run.status !== "RUNNING") return false;
  if (run.workerId === null) {
    const boss = await getBoss();
    const cancelled = await closeUnheldRun(runId, null, { status: "CANCELLED", summary: "Cancelled before it started.", results: run.results as unknown as RunResults }, async (tx) => {
      if (run.jobId) await boss.cancel(RUN_QUEUE, run.jobId, { db: prismaExecutor(tx) });
    });
    if (cancelled) return true;
  }
  const policy = runPolicy({ kind: run.kind, step: findStep(loadCourse(), run.stepId) });
  if (!policy.cancellableWhileRunning) throw new AppError("CONFLICT", "This run is already changing the cluster and cannot be stopped halfway; it finishes by itself.");
  const { count } = await db.run.updateMany({ where: { id: runId, status: "RUNNING" }, data: { cancelRequestedAt: new Date() } });
  if (count === 0) return false;
  stopHeldRun(runId, "cancel");
  return true;
}
