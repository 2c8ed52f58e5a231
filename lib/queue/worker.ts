import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import type PgBoss from "pg-boss";
import { getDb } from "@/lib/db/prisma";
import { workBatchJob } from "@/lib/runs/batch";
import { pidNamespace, recoverAbandonedRuns } from "@/lib/runs/recover";
import { interruptHeld, workRunJob, type StopReason } from "@/lib/runs/run-job";
import { releaseRun } from "@/lib/runs/store";
import { BATCH_QUEUE, getBoss, RUN_QUEUE, stopBoss, type BatchJob, type RunJob } from "./boss";
import type { RunPolicy } from "./policy";
import { workerSettings, type WorkerSettings } from "./settings";

type Held = { controller: AbortController; policy: RunPolicy; attempt?: number };

export type RunningWorker = {
  id: string;
  settings: WorkerSettings;
  /** Runs this worker is working on now. */
  held(): string[];
  /** SIGTERM: take no more jobs, let the held ones finish for `shutdownMs`, then hand them back. */
  stop(): Promise<void>;
};

const globalForWorker = globalThis as unknown as { daybookWorker?: Promise<RunningWorker>; daybookWorkerLoops?: string[] };

/** Wakes this process's idle loops (a run was just queued here): no wait for their next poll. */
export function notifyLocalWorkers(boss: PgBoss): void {
  for (const id of globalForWorker.daybookWorkerLoops ?? []) boss.notifyWorker(id);
}

/** Asks this process's worker to stop a run it holds; false when it holds no such run. */
export function stopHeldRun(runId: string, reason: StopReason): boolean {
  const held = heldRuns.get(runId);
  held?.controller.abort(reason);
  return held !== undefined;
}

const heldRuns = new Map<string, Held>();

async function register(id: string, concurrency: number): Promise<void> {
  await (await getDb()).worker.upsert({ where: { id }, create: { id, hostname: os.hostname(), pidNamespace: pidNamespace(), pid: process.pid, concurrency }, update: { heartbeatAt: new Date() } });
}

/** One beat: prove we are alive, pick up cancel requests for our runs, and recover dead workers' runs. */
async function beat(id: string, settings: WorkerSettings, recover: boolean): Promise<void> {
  const db = await getDb();
  const alive = await db.$executeRaw`UPDATE "Worker" SET "heartbeatAt" = now() WHERE id = ${id}`;
  if (alive === 0) {
    // Another process took us for dead (we were stalled too long): our runs are no longer ours.
    for (const held of heldRuns.values()) held.controller.abort("lost" satisfies StopReason);
    await register(id, settings.concurrency);
  }
  if (heldRuns.size) {
    const cancelled = await db.run.findMany({ where: { id: { in: [...heldRuns.keys()] }, cancelRequestedAt: { not: null } }, select: { id: true } });
    for (const { id: runId } of cancelled) stopHeldRun(runId, "cancel");
  }
  if (recover) {
    const { retried, interrupted } = await recoverAbandonedRuns(settings.staleMs, id);
    if (retried + interrupted) console.log(`[daybook] worker ${id}: ${retried} run(s) of a stopped worker queued again, ${interrupted} marked interrupted`);
  }
}

async function start(settings: WorkerSettings): Promise<RunningWorker> {
  const boss = await getBoss();
  const id = `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  await register(id, settings.concurrency);
  await recoverAbandonedRuns(settings.staleMs, id);
  const hold = (runId: string, policy: RunPolicy) => {
    const controller = new AbortController();
    heldRuns.set(runId, { controller, policy });
    return { signal: controller.signal, release: () => heldRuns.delete(runId) };
  };
  const loops: string[] = [];
  const poll = { pollingIntervalSeconds: settings.pollMs / 1000, batchSize: 1 };
  // pg-boss waits out the rest of the polling interval after a job, which caps a loop at one job per
  // interval however short the jobs: a loop that just finished one asks again at once (an empty answer
  // sends it back to polling).
  const loop = async <T extends object>(queue: string, handle: (data: T) => Promise<void>) => {
    let loopId: string | undefined;
    loopId = await boss.work<T>(queue, poll, async ([job]) => {
      try {
        await handle(job!.data);
      } finally {
        if (loopId) boss.notifyWorker(loopId);
      }
    });
    loops.push(loopId);
  };
  // pg-boss runs one job at a time per loop: `concurrency` loops take that many jobs at once.
  for (let i = 0; i < settings.concurrency; i++) await loop<RunJob>(RUN_QUEUE, (job) => workRunJob(job, id, hold));
  // A re-verify all runs its steps on the worker that takes it: as many at once as single runs.
  for (let i = 0; i < Math.max(1, settings.concurrency); i++) await loop<BatchJob>(BATCH_QUEUE, (job) => workBatchJob(job, id, hold));
  globalForWorker.daybookWorkerLoops = loops;

  let beats = 0;
  let beating: Promise<void> = Promise.resolve();
  const recoverEvery = Math.max(1, Math.round(settings.staleMs / 3 / settings.heartbeatMs));
  const timer = setInterval(() => {
    beating = beating.then(() => beat(id, settings, ++beats % recoverEvery === 0)).catch((error: unknown) => console.error("[daybook] worker heartbeat:", error instanceof Error ? error.message : error));
  }, settings.heartbeatMs);
  timer.unref();

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await boss.offWork(RUN_QUEUE);
      await boss.offWork(BATCH_QUEUE);
      globalForWorker.daybookWorkerLoops = [];
      const deadline = Date.now() + settings.shutdownMs;
      while (heldRuns.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // Still going: a verification stops its waits and is handed back with what it saw.
      for (const held of heldRuns.values()) held.controller.abort("shutdown" satisfies StopReason);
      const checkpointBy = Date.now() + 5000;
      while (heldRuns.size && Date.now() < checkpointBy) await new Promise((r) => setTimeout(r, 50));
      await handBack(id);
      clearInterval(timer);
      await beating;
      await (await getDb()).worker.deleteMany({ where: { id } });
      await stopBoss({ graceful: true, timeoutMs: 1000 });
      globalForWorker.daybookWorker = undefined;
    })());
  return { id, settings, held: () => [...heldRuns.keys()], stop };
}

/** Runs that could not stop in time (an apply in flight): queued again or interrupted by their policy. */
async function handBack(workerId: string): Promise<void> {
  const db = await getDb();
  for (const [runId, held] of heldRuns) {
    if (held.policy.onLost === "retry") await releaseRun(runId, workerId, "Waiting for another worker: the one running it was shut down.");
    else {
      const run = await db.run.findUnique({ where: { id: runId }, select: { attempt: true } });
      if (run) await interruptHeld({ runId, attempt: run.attempt, workerId }, "its worker was shut down");
    }
  }
}

/** Starts this process's worker once (npm start, npm run worker, tests); concurrency 0 starts none. */
export function startWorker(settings: WorkerSettings = workerSettings()): Promise<RunningWorker> | undefined {
  if (settings.concurrency === 0) return undefined;
  globalForWorker.daybookWorker ??= start(settings).catch((error: unknown) => {
    globalForWorker.daybookWorker = undefined;
    throw error;
  });
  return globalForWorker.daybookWorker;
}

export function currentWorker(): Promise<RunningWorker> | undefined {
  return globalForWorker.daybookWorker;
}
