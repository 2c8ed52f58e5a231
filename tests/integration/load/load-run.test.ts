/**
 * The performance test as a run kind, end to end on the local control plane and the embedded database:
 * started behind the step's gate, its progress stored while it runs, the step judged and recorded with what
 * it measured, a later verification judging that measurement, and cancel keeping what was measured so far.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectTeamCluster, updateClusterSettings } from "@/lib/data/clusters";
import { getStepLoad } from "@/lib/data/load-tests";
import { cancelStepRun, getRunDetail, overrideGate, startStepRun } from "@/lib/data/runs";
import type { LoadRunResults, VerifyResults } from "@/lib/runs/types";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { startTestWorker } from "@/tests/support/worker";
import { getBoss, RUN_QUEUE } from "@/lib/queue/boss";
import { deleteNamespace, isLocalControlPlane, loadTestKubeConfig, testKubeconfigPath, waitFor } from "../support/cluster";
import { applyCourseFiles, inPod, readyPods } from "../support/course-workload";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-load-run-"));
process.env.DAYBOOK_DATA_DIR = dataDir;
process.env.DAYBOOK_CLUSTER_RUN = path.dirname(testKubeconfigPath());
process.env.DAYBOOK_TIME_SCALE = "0.02";
const namespace = `load-run-${Date.now().toString(36)}`;
const demo = useSeededDatabase(TEST_BACKENDS[0]!);
const kc = loadTestKubeConfig();
const SCHEMA = fs.readFileSync(path.resolve(import.meta.dirname, "../../../course/database/schema.sql"), "utf8");

describe.runIf(isLocalControlPlane())("the performance test as a run (LOAD) of Step 10.2", () => {
  beforeAll(async () => {
    // The run goes through the job queue: this process works it.
    await startTestWorker();
    const alice = await actorFor(demo.client, "alice@daybook.local");
    await connectTeamCluster(alice, { source: "local", teamId: demo.atlas });
    await updateClusterSettings(alice, { teamId: demo.atlas, namespace, registry: "", mirrorPublic: false, productionUrl: null, monitoringUrl: null, productionHost: null, monitoringHost: null });
    await applyCourseFiles(kc, namespace, ["k8s-manifests/01-namespace.yaml", "k8s-manifests/02-configmaps.yaml", "k8s-manifests/03-secrets.yaml", "k8s-manifests/04-deployments.yaml", "k8s-manifests/05-services.yaml"]);
    await readyPods(kc, namespace, "component=backend", 3);
    const db = (await readyPods(kc, namespace, "component=database"))[0]!.metadata!.name!;
    const loaded = await inPod(kc, namespace, db, "ecommerce-database").exec(["psql", "-U", "postgres", "-d", "ecommerce", "-v", "ON_ERROR_STOP=1"], `${SCHEMA}\nINSERT INTO products (name, price) VALUES ('Laptop', 999.99);`);
    expect(loaded.exitCode, loaded.stderr).toBe(0);
    await overrideGate(await actorFor(demo.client, "instructor@daybook.local"), { teamId: demo.atlas, stepId: "d10-s2", reason: "load test before the review" });
  });
  afterAll(async () => {
    await (await startTestWorker()).stop();
    await deleteNamespace(namespace).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores its progress as it goes, judges every check of the step with what it measured, and records the verdict", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const started = await startStepRun(alice, { teamId: demo.atlas, stepId: "d10-s2", kind: "LOAD" });
    // While it runs, a page (a teammate's, the instructor's) reads the seconds measured so far from the database.
    const live = await waitFor(async () => {
      const view = await getStepLoad(alice, demo.atlas, "d10-s2");
      return view.latest?.status === "RUNNING" && view.latest.load.phase === "running" && view.latest.load.targets[0]!.series.length >= 2 ? view : undefined;
    }, { timeoutMs: 30_000, intervalMs: 200, description: "stored progress with two seconds" });
    expect(live.plan.targets.map((t) => [t.service, t.durationSeconds, t.concurrency])).toEqual([["ecommerce-backend-service", 300, 10], ["ecommerce-frontend-service", 300, 10]]);
    expect(live.plan.timeScale).toBe(0.02);
    const since = await getStepLoad(alice, demo.atlas, "d10-s2", 1);
    expect(since.latest!.load.targets[0]!.series.every((p) => p.t >= 1)).toBe(true);
    await started.done;

    const run = await getRunDetail(alice, started.runId);
    const results = run.results as LoadRunResults;
    expect(run.kind).toBe("LOAD");
    expect(results.load).toMatchObject({ phase: "done", plannedMs: 6000 });
    const suite = results.checks.find((c) => c.checkId === "performance-test")!;
    expect(suite.children!.map((c) => [c.checkId, c.status])).toEqual([["performance-test/products-under-load", "pass"], ["performance-test/frontend-under-load", "pass"], ["performance-test/backend-still-available", "pass"]]);
    expect(run.status, run.summary).toBe("PASSED");
    expect((await demo.client.stepProgress.findUniqueOrThrow({ where: { teamId_stepId: { teamId: demo.atlas, stepId: "d10-s2" } } })).status).toBe("VERIFIED");

    // A verification does not load the service again: it judges the latest performance test.
    const verify = await startStepRun(alice, { teamId: demo.atlas, stepId: "d10-s2", kind: "VERIFY" });
    await verify.done;
    const verified = await getRunDetail(alice, verify.runId);
    const products = (verified.results as VerifyResults).checks.find((c) => c.checkId === "performance-test")!.children![0]!;
    expect(products.status).toBe("pass");
    expect(products.actual).toMatch(/; measured by the performance test of \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(verified.status).toBe("PASSED");
  });

  it("cancel stops the load and keeps what it measured, unjudged; the step keeps its verdict", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const started = await startStepRun(alice, { teamId: demo.atlas, stepId: "d10-s2", kind: "LOAD" });
    await waitFor(async () => ((await getStepLoad(alice, demo.atlas, "d10-s2")).latest?.load.targets[0]?.totals.requests ?? 0) > 0, { timeoutMs: 30_000, intervalMs: 200, description: "requests measured" });
    expect(await cancelStepRun(alice, started.runId)).toBe(true);
    await started.done;
    const run = await getRunDetail(alice, started.runId);
    const results = run.results as LoadRunResults;
    expect(run.status).toBe("CANCELLED");
    expect(run.summary).toMatch(/^Cancelled after \d+ s of 6 s, \d+ requests$/);
    expect(results.load.phase).toBe("cancelled");
    expect(results.load.targets[0]!.totals.requests).toBeGreaterThan(0);
    expect(results.load.targets.every((t) => t.judgement === undefined)).toBe(true);
    expect(results.checks).toEqual([]);
    expect((await demo.client.stepProgress.findUniqueOrThrow({ where: { teamId_stepId: { teamId: demo.atlas, stepId: "d10-s2" } } })).status).toBe("VERIFIED");
  });

  it("a worker shut down mid-test leaves it interrupted with what it measured, and does not start it again", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    // SIGTERM's path with a short grace period: the test outlasts it, so the worker stops the load.
    await (await startTestWorker()).stop();
    const worker = await startTestWorker({ shutdownMs: 300 });
    const started = await startStepRun(alice, { teamId: demo.atlas, stepId: "d10-s2", kind: "LOAD" });
    await waitFor(async () => ((await getStepLoad(alice, demo.atlas, "d10-s2")).latest?.load.targets[0]?.totals.requests ?? 0) > 0, { timeoutMs: 30_000, intervalMs: 200, description: "requests measured" });
    await worker.stop();
    const run = await demo.client.run.findUniqueOrThrow({ where: { id: started.runId } });
    expect(run.status).toBe("INTERRUPTED");
    expect(run.summary).toMatch(/^Interrupted: its worker was shut down after \d+ s of 6 s, \d+ requests; it is not started again by itself\.$/);
    expect(run.attempt).toBe(1);
    expect((run.results as unknown as LoadRunResults).load.targets[0]!.totals.requests).toBeGreaterThan(0);
    const job = await (await getBoss()).getJobById(RUN_QUEUE, run.jobId!, { includeArchive: true });
    expect(job?.state).toBe("completed");
    expect((await demo.client.stepProgress.findUniqueOrThrow({ where: { teamId_stepId: { teamId: demo.atlas, stepId: "d10-s2" } } })).status).toBe("VERIFIED");
    await startTestWorker();
  });

  it("a stakeholder cannot start one, and a step without a performance test has none", async () => {
    await expect(startStepRun(await actorFor(demo.client, "stakeholder@daybook.local"), { teamId: demo.atlas, stepId: "d10-s2", kind: "LOAD" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(startStepRun(await actorFor(demo.client, "alice@daybook.local"), { teamId: demo.atlas, stepId: "d01-s1", kind: "LOAD" })).rejects.toMatchObject({ code: "INVALID", message: "Step 1.1 has no performance test." });
  });
});
