import "server-only";
import fs from "node:fs";
import os from "node:os";
import { findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { prismaExecutor } from "@/lib/db/queue-sql";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getBoss, RUN_QUEUE } from "@/lib/queue/boss";
import { runPolicy } from "@/lib/queue/policy";
import { closeUnheldRun, requeueRun } from "./store";
import { interruptedSummary } from "./summaries";
import type { RunResults } from "./types";

/** This machine and pid namespace: a worker from here with a pid that no longer exists is dead now. */
export function pidNamespace(): string | null {
  try {
    return fs.readlinkSync("/proc/self/ns/pid");
  } catch {
    return null;
  }
}

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

type WorkerRow = { id: string; hostname: string; pidNamespace: string | null; pid: number; stale: boolean };

/** Workers that stopped beating for `staleMs`, or whose process on this machine is gone. */
async function deadWorkers(staleMs: number, self?: string): Promise<Set<string>> {
  const db = await getDb();
  const rows = await db.$queryRaw<WorkerRow[]>`SELECT id, hostname, "pidNamespace", pid, "heartbeatAt" < now() - make_interval(secs => ${staleMs / 1000}) AS stale FROM "Worker"`;
  const here = { hostname: os.hostname(), ns: pidNamespace() };
  return new Set(rows.filter((w) => w.id !== self && (w.stale || (w.hostname === here.hostname && w.pidNamespace !== null && w.pidNamespace === here.ns && processGone(w.pid)))).map((w) => w.id));
}

export type Recovered = { retried: number; interrupted: number };

/**
 * Runs whose worker died (SIGKILL, a crash, a lost machine) go back to the queue or are closed as
 * interrupted, as their kind's policy says; runs of live workers and runs still queued are left alone.
 * Safe from any process at any time: every change is conditional on the run still being the dead
 * worker's, so two processes recovering at once do it once.
 */
export async function recoverAbandonedRuns(staleMs: number, self?: string): Promise<Recovered> {
  const db = await getDb();
  const dead = await deadWorkers(staleMs, self);
  const known = new Set((await db.worker.findMany({ select: { id: true } })).map((w) => w.id));
  const running = await db.run.findMany({ where: { status: "RUNNING", OR: [{ workerId: { not: null } }, { jobId: null }] }, select: { id: true, kind: true, stepId: true, workerId: true, jobId: true, results: true, summary: true } });
  // A run held by a worker that is dead or unknown (its row gone), or started before the queue existed.
  const abandoned = running.filter((r) => (r.workerId === null ? r.jobId === null : r.workerId !== self && (dead.has(r.workerId) || !known.has(r.workerId))));
  const result: Recovered = { retried: 0, interrupted: 0 };
  const boss = abandoned.some((r) => r.jobId) ? await getBoss() : undefined;
  const failJob = (jobId: string | null, why: string) => async (tx: Prisma.TransactionClient) => {
    if (jobId && boss) await boss.fail(RUN_QUEUE, jobId, { message: why }, { db: prismaExecutor(tx) });
  };
  for (const run of abandoned) {
    const policy = runPolicy({ kind: run.kind, step: findStep(loadCourse(), run.stepId) });
    const why = run.jobId ? `the worker running it (${run.workerId}) stopped` : "the server restarted while this run was in progress";
    if (policy.onLost === "retry" && run.jobId && run.workerId) {
      if (await requeueRun(run.id, run.workerId, `Waiting for another worker: ${why}.`)) result.retried++;
      continue;
    }
    const results = run.results as unknown as RunResults;
    const closed = await closeUnheldRun(run.id, run.workerId, { status: "INTERRUPTED", summary: interruptedSummary(why, results, run.summary), results }, failJob(run.jobId, why));
    if (closed) result.interrupted++;
  }
  result.interrupted += await closeGivenUp();
  if (dead.size) await db.worker.deleteMany({ where: { id: { in: [...dead] }, NOT: { id: { in: (await db.run.findMany({ where: { status: "RUNNING", workerId: { in: [...dead] } }, select: { workerId: true } })).map((r) => r.workerId!) } } } });
  return result;
}

const TERMINAL = new Set(["completed", "cancelled", "failed"]);

/** Runs waiting in the queue whose job the queue gave up on (every retry used): they will never run. */
async function closeGivenUp(): Promise<number> {
  const db = await getDb();
  const waiting = await db.run.findMany({ where: { status: "RUNNING", workerId: null, jobId: { not: null }, OR: [{ attempt: { gt: 0 } }, { startedAt: { lt: new Date(Date.now() - 30 * 60_000) } }] }, select: { id: true, jobId: true, attempt: true, results: true, summary: true } });
  if (waiting.length === 0) return 0;
  const boss = await getBoss();
  let closed = 0;
  for (const run of waiting) {
    const job = await boss.getJobById(RUN_QUEUE, run.jobId!, { includeArchive: true });
    if (job && !TERMINAL.has(job.state)) continue;
    const why = `the queue gave up on it after ${run.attempt} attempt${run.attempt === 1 ? "" : "s"} whose workers stopped`;
    if (await closeUnheldRun(run.id, null, { status: "INTERRUPTED", summary: `Interrupted: ${why}. ${run.summary}`.trim(), results: run.results as unknown as RunResults })) closed++;
  }
  return closed;
}
