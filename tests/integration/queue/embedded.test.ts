/**
 * The job queue on the embedded database (PGlite, as `npm start` runs it): the same pg-boss queue, worked
 * in the process that owns the database. A queued job outlives a restart of the queue, a worker shut down
 * mid-run hands its run to the next one, and re-verify all reports its progress as its children finish.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findStep, loadCourse } from "@/lib/course/load";
import { getBatchProgress, reverifyAll } from "@/lib/data/runs";
import { queueDatabase } from "@/lib/db/queue-sql";
import { getBoss, RUN_QUEUE, stopBoss } from "@/lib/queue/boss";
import { launchRun } from "@/lib/runs/launch";
import type { VerifyResults } from "@/lib/runs/types";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { startTestWorker } from "@/tests/support/worker";
import { testKubeconfigPath, waitFor } from "../support/cluster";
import { connectEmptyNamespace } from "./workers";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-queue-embedded-"));
process.env.DAYBOOK_DATA_DIR = dataDir;
process.env.DAYBOOK_CLUSTER_RUN = path.dirname(testKubeconfigPath());
const embedded = TEST_BACKENDS.find((b) => b.name === "embedded")!;
const demo = useSeededDatabase(embedded);
const step = (id: string) => findStep(loadCourse(), id)!;
const run = (id: string) => demo.client.run.findUniqueOrThrow({ where: { id } });

describe("job queue on the embedded database", () => {
  beforeAll(async () => {
    expect(queueDatabase()?.kind).toBe("embedded");
    await connectEmptyNamespace(demo.client, "alice@daybook.local", demo.atlas, `queue-embedded-${Date.now().toString(36)}`);
  });
  afterAll(async () => {
    await stopBoss();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps a job queued while no worker runs, across a restart of the queue, and runs it once a worker starts", async () => {
    const queued = await launchRun({ teamId: demo.atlas, step: step("d01-s1"), kind: "VERIFY", actorId: null });
    await stopBoss();
    expect(await run(queued.runId)).toMatchObject({ status: "RUNNING", workerId: null, attempt: 0 });
    const job = await (await getBoss()).getJobById(RUN_QUEUE, (await run(queued.runId)).jobId!);
    expect(job?.state).toBe("created");
    const worker = await startTestWorker();
    await queued.done;
    expect(await run(queued.runId)).toMatchObject({ status: "PASSED", workerId: worker.id, attempt: 1 });
    await worker.stop();
  });

  it("hands a verification back when its worker shuts down, and the next worker finishes it", async () => {
    const first = await startTestWorker({ concurrency: 1, shutdownMs: 200 });
    const launched = await launchRun({ teamId: demo.atlas, step: step("d03-s1"), kind: "VERIFY", actorId: null, settleScale: 0.1 });
    await waitFor(async () => {
      const r = await run(launched.runId);
      return r.workerId === first.id && (r.results as unknown as VerifyResults).checks.length > 0;
    }, { timeoutMs: 30_000, description: "the first worker to be mid-run" });
    await first.stop();
    expect(await run(launched.runId)).toMatchObject({ status: "RUNNING", workerId: null });
    const second = await startTestWorker({ concurrency: 1 });
    expect(second.id).not.toBe(first.id);
    await launched.done;
    const done = await run(launched.runId);
    expect(done).toMatchObject({ status: "FAILED", workerId: second.id, attempt: 2 });
    const attempts = done.attempts as unknown as { workerId: string; results: VerifyResults }[];
    expect(attempts.map((a) => a.workerId)).toEqual([first.id]);
    expect(attempts[0]!.results.checks.length).toBeGreaterThan(0);
    expect(await demo.client.stepEvent.count({ where: { runId: launched.runId } })).toBe(1);
    await second.stop();
  });

  it("runs re-verify all as a parent job whose progress counts its children", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    for (const stepId of ["d01-s1", "d02-s1"]) await demo.client.stepProgress.upsert({ where: { teamId_stepId: { teamId: demo.atlas, stepId } }, create: { teamId: demo.atlas, stepId, status: "VERIFIED" }, update: { status: "VERIFIED" } });
    const batch = await reverifyAll(alice, demo.atlas);
    expect(batch.started).toBe(2);
    expect(await getBatchProgress(alice, demo.atlas, batch.batchId)).toMatchObject({ total: 2, done: 0, finished: false, summary: "Starting: 2 steps to re-check." });
    const worker = await startTestWorker();
    await batch.done;
    const progress = await getBatchProgress(alice, demo.atlas, batch.batchId);
    expect(progress).toMatchObject({ total: 2, done: 2, finished: true });
    expect(progress.summary).toMatch(/^Done: 2 of 2 steps re-checked/);
    const children = await demo.client.run.findMany({ where: { batchId: batch.batchId }, select: { stepId: true, attempt: true } });
    expect(children.map((c) => c.stepId).sort()).toEqual(["d01-s1", "d02-s1"]);
    expect(children.every((c) => c.attempt === 1)).toBe(true);
    const bea = await actorFor(demo.client, "bea@daybook.local");
    await expect(getBatchProgress(bea, demo.atlas, batch.batchId)).rejects.toThrow(/^You are not allowed to /);
    await worker.stop();
  });
});
