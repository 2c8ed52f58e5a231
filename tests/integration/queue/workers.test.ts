/**
 * The job queue with worker processes on PostgreSQL and the real control plane: a worker SIGKILLed mid-run
 * and another one recovering its job, two workers sharing 20 queued verifications, SIGTERM, and cancel.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { allSteps, findStep, loadCourse } from "@/lib/course/load";
import type { Step } from "@/lib/course/schema";
import { getBoss, RUN_QUEUE, stopBoss } from "@/lib/queue/boss";
import { enqueueBatch } from "@/lib/runs/batch";
import { cancelRun, launchRun } from "@/lib/runs/launch";
import { waitForBatch } from "@/lib/runs/wait";
import type { VerifyResults } from "@/lib/runs/types";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { useSeededDatabase } from "@/tests/support/test-prisma";
import { testKubeconfigPath, waitFor } from "../support/cluster";
import { connectEmptyNamespace, sharedClusterEnv, spawnWorker, type WorkerProcess } from "./workers";

const postgres = TEST_BACKENDS.find((b) => b.name === "postgres");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-queue-"));
process.env.DAYBOOK_DATA_DIR = dataDir;
process.env.DAYBOOK_CLUSTER_RUN = path.dirname(testKubeconfigPath());
sharedClusterEnv();

// Step 3.1 on a namespace with nothing in it: its checks fail and keep re-reading for their settle windows.
const SLOW_STEP = "d03-s1";
const course = loadCourse();
const step = (id: string) => findStep(course, id)!;

describe.skipIf(!postgres)("job queue with worker processes on PostgreSQL", () => {
  const demo = useSeededDatabase(postgres ?? TEST_BACKENDS[0]!);
  const workers: WorkerProcess[] = [];
  let url = "";
  const run = (id: string) => demo.client.run.findUniqueOrThrow({ where: { id } });

  beforeAll(async () => {
    const { queueDatabase } = await import("@/lib/db/queue-sql");
    const db = queueDatabase();
    if (db?.kind !== "postgres") throw new Error("expected the PostgreSQL test database");
    url = db.url;
    await connectEmptyNamespace(demo.client, "alice@daybook.local", demo.atlas, `queue-empty-${Date.now().toString(36)}`);
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) {
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
      await w.exited;
    }
  });
  afterAll(async () => {
    await stopBoss();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function worker(env: Record<string, string> = {}) {
    const w = await spawnWorker(url, env);
    workers.push(w);
    return w;
  }

  it("recovers the job of a worker SIGKILLed mid-run on another worker, keeping what the first one saw", async () => {
    const a = await worker({ DAYBOOK_WORKER_CONCURRENCY: "1" });
    const launched = await launchRun({ teamId: demo.atlas, step: step(SLOW_STEP), kind: "VERIFY", actorId: null, settleScale: 0.2 });
    // A holds it and has saved progress (the checks without a settle window are done; the others wait).
    await waitFor(async () => {
      const r = await run(launched.runId);
      return r.workerId === a.id && (r.results as unknown as VerifyResults).checks.length > 0;
    }, { timeoutMs: 30_000, description: "worker A to be mid-run with progress saved" });
    const b = await worker({ DAYBOOK_WORKER_CONCURRENCY: "1" });
    a.child.kill("SIGKILL");
    await a.exited;
    await launched.done;

    const done = await run(launched.runId);
    expect(done.status).toBe("FAILED");
    expect(done.workerId).toBe(b.id);
    expect(done.attempt).toBe(2);
    const attempts = done.attempts as unknown as { attempt: number; workerId: string; results: VerifyResults }[];
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ attempt: 1, workerId: a.id });
    expect(attempts[0]!.results.checks.length).toBeGreaterThan(0);
    expect((done.results as unknown as VerifyResults).checks.map((c) => c.checkId).sort()).toEqual(step(SLOW_STEP).checks.filter((c) => c.kind !== "manual").map((c) => c.id).sort());
    // One verdict, recorded by the attempt that finished.
    expect(await demo.client.stepEvent.count({ where: { runId: launched.runId } })).toBe(1);
    const job = await (await getBoss()).getJobById(RUN_QUEUE, done.jobId!, { includeArchive: true });
    expect(job).toMatchObject({ state: "completed", retryCount: 1 });
  });

  it("runs re-verify all's steps on the worker that takes it, and another worker finishes those it held when SIGKILLed", async () => {
    const a = await worker({ DAYBOOK_WORKER_CONCURRENCY: "1" });
    const steps = [SLOW_STEP, "d01-s1", "d02-s1"].map(step);
    const batchId = await enqueueBatch(demo.atlas, steps, null, { settleScale: 0.3 });
    const children = () => demo.client.run.findMany({ where: { batchId }, select: { id: true, stepId: true, status: true, workerId: true, attempt: true, jobId: true, attempts: true } });
    // A holds all three at once; the quick two are done while Step 3.1's checks wait for the cluster to settle (54 s).
    await waitFor(async () => {
      const runs = await children();
      return runs.length === 3 && runs.every((r) => r.workerId === a.id) && runs.filter((r) => r.status !== "RUNNING").map((r) => r.stepId).sort().join() === "d01-s1,d02-s1";
    }, { timeoutMs: 40_000, intervalMs: 100, description: "worker A to have finished the quick two children and hold the third" });
    // Killed before the next worker starts: that one finds A dead when it starts, whatever the machine's load.
    a.child.kill("SIGKILL");
    await a.exited;
    const b = await worker({ DAYBOOK_WORKER_CONCURRENCY: "1" });
    await waitForBatch(batchId);

    const runs = await children();
    const slow = runs.find((r) => r.stepId === SLOW_STEP)!;
    expect(slow).toMatchObject({ status: "FAILED", workerId: b.id, attempt: 2 });
    expect((slow.attempts as unknown as { workerId: string }[]).map((x) => x.workerId)).toEqual([a.id]);
    // The quick two ran once, on A, and never became jobs; the held one got its reserved job and ran it once.
    expect(runs.filter((r) => r.stepId !== SLOW_STEP).map((r) => [r.workerId, r.attempt])).toEqual([[a.id, 1], [a.id, 1]]);
    const boss = await getBoss();
    expect(await boss.getJobById(RUN_QUEUE, slow.jobId!, { includeArchive: true })).toMatchObject({ state: "completed", retryCount: 0, data: { runId: slow.id, settleScale: 0.3 } });
    for (const r of runs.filter((r) => r.stepId !== SLOW_STEP)) expect(await boss.getJobById(RUN_QUEUE, r.jobId!, { includeArchive: true })).toBeNull();
    const events = await demo.client.stepEvent.groupBy({ by: ["runId"], where: { runId: { in: runs.map((r) => r.id) } }, _count: true });
    expect(events.every((e) => e._count === 1)).toBe(true);
    expect(await demo.client.runBatch.findUniqueOrThrow({ where: { id: batchId } })).toMatchObject({ total: 3, finishedAt: expect.any(Date) });
  });

  it("shares 20 queued verifications between two workers and runs none of them twice", async () => {
    const [a, b] = await Promise.all([worker({ DAYBOOK_WORKER_CONCURRENCY: "2" }), worker({ DAYBOOK_WORKER_CONCURRENCY: "2" })]);
    const steps = allSteps(course).filter((s: Step) => s.checks.some((c) => c.kind !== "manual") && s.id !== SLOW_STEP).slice(0, 20);
    expect(steps).toHaveLength(20);
    const launched = await Promise.all(steps.map((s) => launchRun({ teamId: demo.atlas, step: s, kind: "VERIFY", actorId: null, settleScale: 0.01 })));
    expect(launched.every((l) => l.created)).toBe(true);
    await Promise.all(launched.map((l) => l.done));

    const runs = await demo.client.run.findMany({ where: { id: { in: launched.map((l) => l.runId) } } });
    expect(runs.every((r) => r.status !== "RUNNING" && r.attempt === 1)).toBe(true);
    expect(new Set(runs.map((r) => r.workerId))).toEqual(new Set([a.id, b.id]));
    const boss = await getBoss();
    const jobs = await Promise.all(runs.map((r) => boss.getJobById(RUN_QUEUE, r.jobId!, { includeArchive: true })));
    expect(jobs.map((j) => [j?.state, j?.retryCount])).toEqual(runs.map(() => ["completed", 0]));
    const events = await demo.client.stepEvent.groupBy({ by: ["runId"], where: { runId: { in: runs.map((r) => r.id) } }, _count: true });
    expect(events.every((e) => e._count === 1)).toBe(true);
  });

  it("on SIGTERM takes no more jobs and hands a verification it holds to the next worker", async () => {
    const a = await worker({ DAYBOOK_WORKER_CONCURRENCY: "1", DAYBOOK_WORKER_SHUTDOWN_SECONDS: "1" });
    const first = await launchRun({ teamId: demo.atlas, step: step(SLOW_STEP), kind: "VERIFY", actorId: null, settleScale: 0.1 });
    await waitFor(async () => (await run(first.runId)).workerId === a.id, { timeoutMs: 30_000, description: "worker A to hold the run" });
    a.child.kill("SIGTERM");
    expect(await a.exited).toBe(0);
    const handedBack = await run(first.runId);
    expect(handedBack).toMatchObject({ status: "RUNNING", workerId: null });
    expect(handedBack.summary).toMatch(/Waiting for another worker/);

    const b = await worker({ DAYBOOK_WORKER_CONCURRENCY: "1" });
    await first.done;
    const done = await run(first.runId);
    expect(done).toMatchObject({ status: "FAILED", workerId: b.id, attempt: 2 });
    expect((done.attempts as unknown as { workerId: string }[]).map((x) => x.workerId)).toEqual([a.id]);
  });

  it("cancels a queued run before any worker sees it, and a running one on another worker's process", async () => {
    const queued = await launchRun({ teamId: demo.atlas, step: step("d02-s1"), kind: "VERIFY", actorId: null });
    expect(await cancelRun(queued.runId)).toBe(true);
    expect(await run(queued.runId)).toMatchObject({ status: "CANCELLED", attempt: 0 });
    const boss = await getBoss();
    expect((await boss.getJobById(RUN_QUEUE, (await run(queued.runId)).jobId!, { includeArchive: true }))?.state).toBe("cancelled");

    const w = await worker({ DAYBOOK_WORKER_CONCURRENCY: "1" });
    const running = await launchRun({ teamId: demo.atlas, step: step(SLOW_STEP), kind: "VERIFY", actorId: null, settleScale: 0.5 });
    await waitFor(async () => {
      const r = await run(running.runId);
      return r.workerId === w.id && (r.results as unknown as VerifyResults).checks.length > 0;
    }, { timeoutMs: 30_000, description: "the worker to be mid-run" });
    const before = await demo.client.stepProgress.findUnique({ where: { teamId_stepId: { teamId: demo.atlas, stepId: SLOW_STEP } } });
    expect(await cancelRun(running.runId)).toBe(true);
    await running.done;
    const cancelled = await run(running.runId);
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.summary).toMatch(/^Cancelled:/);
    expect((cancelled.results as unknown as VerifyResults).checks.length).toBeGreaterThan(0);
    // A cancelled run establishes nothing about the step; the run cancelled while queued never ran.
    expect(await demo.client.stepProgress.findUnique({ where: { teamId_stepId: { teamId: demo.atlas, stepId: SLOW_STEP } } })).toEqual(before);
    expect(await run(queued.runId)).toMatchObject({ status: "CANCELLED", attempt: 0, workerId: null });
  });
});
