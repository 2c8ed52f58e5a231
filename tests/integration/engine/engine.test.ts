/**
 * The cluster engine end to end on the real control plane: a team connects the local cluster, previews and
 * applies steps, verifies them, and the runs, verdicts and gates land in the database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectTeamCluster, getClusterSummary, updateClusterSettings } from "@/lib/data/clusters";
import { attestStep, getRunDetail, getStepEngine, reverifyAll, startStepRun } from "@/lib/data/runs";
import { applyObjects } from "@/lib/k8s/apply";
import { deleteDataKey, deleteObject } from "@/lib/k8s/mutate";
import { listObjects } from "@/lib/k8s/objects";
import { openTeamConnection } from "@/lib/runs/connection";
import type { ApplyResults, VerifyResults } from "@/lib/runs/types";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { startTestWorker } from "@/tests/support/worker";
import { deleteNamespace, testKubeconfigPath } from "../support/cluster";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-engine-"));
process.env.DAYBOOK_DATA_DIR = dataDir;
// The embedded set-up allow-lists the local control plane found in its run directory.
process.env.DAYBOOK_CLUSTER_RUN = path.dirname(testKubeconfigPath());

const namespace = `engine-${Date.now().toString(36)}`;
let createdStorageClass = false;
const demo = useSeededDatabase(TEST_BACKENDS[0]!);

async function run(actorEmail: string, input: Parameters<typeof startStepRun>[1]) {
  const actor = await actorFor(demo.client, actorEmail);
  const started = await startStepRun(actor, input);
  await started.done;
  return getRunDetail(actor, started.runId);
}

describe("cluster engine on the local control plane", () => {
  beforeAll(async () => {
    await startTestWorker();
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const connected = await connectTeamCluster(alice, { source: "local", teamId: demo.atlas });
    expect(connected.report.reachable).toBe(true);
    await updateClusterSettings(alice, { teamId: demo.atlas, namespace, registry: "", mirrorPublic: false, productionUrl: null, monitoringUrl: null, productionHost: null, monitoringHost: null });
    const conn = await openTeamConnection(demo.atlas);
    if (!conn.ok) throw new Error(conn.message);
    const classes = await listObjects(conn.value.kc, { apiVersion: "storage.k8s.io/v1", kind: "StorageClass" });
    if (classes.ok && classes.value.length === 0) {
      await applyObjects(conn.value.kc, [{ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "daybook-test" }, provisioner: "kubernetes.io/no-provisioner" }], {});
      createdStorageClass = true;
    }
    conn.value.kc.close();
    const cluster = await run("alice@daybook.local", { teamId: demo.atlas, stepId: "d01-s1", kind: "VERIFY" });
    expect(cluster.status, JSON.stringify((cluster.results as VerifyResults).checks.map((c) => [c.checkId, c.actual, c.evidence]))).toBe("PASSED");
  });
  afterAll(async () => {
    await (await startTestWorker()).stop();
    await deleteNamespace(namespace).catch(() => undefined);
    const conn = await openTeamConnection(demo.atlas);
    if (conn.ok && createdStorageClass) await deleteObject(conn.value.kc, { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", name: "daybook-test" });
    if (conn.ok) conn.value.kc.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores the connection sealed and shows only its summary", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const summary = await getClusterSummary(alice, demo.atlas);
    expect(summary).toMatchObject({ connected: true, namespace, source: "local" });
    expect(summary.serverVersion).toMatch(/^v1\./);
    expect(JSON.stringify(summary)).not.toMatch(/BEGIN|client-key|token/i);
    const row = await demo.client.teamCluster.findUniqueOrThrow({ where: { teamId: demo.atlas } });
    expect(row.credentials).not.toContain("BEGIN");
    expect(row.credentials!.length).toBeGreaterThan(100);
  });

  it("fails Step 1.2's checks on a cluster without the namespace, with what it expected and saw", async () => {
    const r = await run("alice@daybook.local", { teamId: demo.atlas, stepId: "d01-s2", kind: "VERIFY" });
    expect(r.status).toBe("FAILED");
    const checks = (r.results as VerifyResults).checks;
    const ns = checks.find((c) => c.checkId === "namespace-exists")!;
    expect(ns).toMatchObject({ status: "fail", actual: `namespace ${namespace} not found` });
    expect(ns.evidence[0]!.text).toContain("NotFound");
    expect((await demo.client.stepProgress.findUniqueOrThrow({ where: { teamId_stepId: { teamId: demo.atlas, stepId: "d01-s2" } } })).status).toBe("FAILED");
  });

  it("previews Step 1.2 (nothing created), applies it, then verifies it", async () => {
    const preview = await run("alice@daybook.local", { teamId: demo.atlas, stepId: "d01-s2", kind: "PREVIEW" });
    expect(preview.status).toBe("PASSED");
    expect((preview.results as ApplyResults).objects.map((o) => `${o.ref}:${o.verb}`)).toEqual([`Namespace/${namespace}:created`, "ResourceQuota/ecommerce-resource-quota:created", "LimitRange/ecommerce-limit-range:created"]);
    const conn = await openTeamConnection(demo.atlas);
    expect(conn.ok).toBe(true);

    const applied = await run("alice@daybook.local", { teamId: demo.atlas, stepId: "d01-s2", kind: "APPLY" });
    expect(applied.status).toBe("PASSED");
    expect(applied.summary).toBe("3 created, 0 changed, 0 unchanged");
    const again = await run("alice@daybook.local", { teamId: demo.atlas, stepId: "d01-s2", kind: "PREVIEW" });
    expect(again.summary).toBe("0 would be created, 0 would be changed, 3 unchanged");

    const verified = await run("alice@daybook.local", { teamId: demo.atlas, stepId: "d01-s2", kind: "VERIFY" });
    expect(verified.status, JSON.stringify((verified.results as VerifyResults).checks.map((c) => [c.checkId, c.status, c.actual]))).toBe("PASSED");
    expect((await demo.client.stepProgress.findUniqueOrThrow({ where: { teamId_stepId: { teamId: demo.atlas, stepId: "d01-s2" } } })).status).toBe("VERIFIED");
    if (conn.ok) conn.value.kc.close();
  });

  it("runs a double click on Apply once: the second request gets the first run", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const amir = await actorFor(demo.client, "amir@daybook.local");
    const [a, b] = await Promise.all([
      startStepRun(alice, { teamId: demo.atlas, stepId: "d02-s1", kind: "APPLY" }),
      startStepRun(amir, { teamId: demo.atlas, stepId: "d02-s1", kind: "APPLY" }),
    ]);
    await Promise.all([a.done, b.done]);
    expect(a.runId).toBe(b.runId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await demo.client.run.count({ where: { teamId: demo.atlas, stepId: "d02-s1", kind: "APPLY" } })).toBe(1);
    const v = await run("alice@daybook.local", { teamId: demo.atlas, stepId: "d02-s1", kind: "VERIFY" });
    expect(v.status, v.summary).toBe("PASSED");
  });

  it("keeps Secret values out of runs, and generates them once", async () => {
    const applied = await run("alice@daybook.local", { teamId: demo.atlas, stepId: "d02-s2", kind: "APPLY" });
    expect(applied.status).toBe("PASSED");
    const secret = (applied.results as ApplyResults).objects.find((o) => o.ref === "Secret/ecommerce-database-secret")!;
    expect(secret.keys?.map((k) => k.key)).toContain("POSTGRES_PASSWORD");
    const stored = await demo.client.teamCluster.findUniqueOrThrow({ where: { teamId: demo.atlas } });
    const conn = await openTeamConnection(demo.atlas);
    if (!conn.ok) throw new Error(conn.message);
    const live = await conn.value.kc.makeApiClient((await import("@kubernetes/client-node")).CoreV1Api).readNamespacedSecret({ name: "ecommerce-database-secret", namespace });
    const password = Buffer.from(live.data!.POSTGRES_PASSWORD!, "base64").toString();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const allRuns = JSON.stringify(await demo.client.run.findMany({ where: { teamId: demo.atlas }, select: { results: true, summary: true } }));
    expect(allRuns).not.toContain(password);
    const reapplied = await run("alice@daybook.local", { teamId: demo.atlas, stepId: "d02-s2", kind: "APPLY" });
    expect(reapplied.summary).toMatch(/2 unchanged/);
    expect((await run("alice@daybook.local", { teamId: demo.atlas, stepId: "d02-s2", kind: "VERIFY" })).status).toBe("PASSED");
    expect((await demo.client.teamCluster.findUniqueOrThrow({ where: { teamId: demo.atlas } })).generatedSecrets).toBe(stored.generatedSecrets);
    conn.value.kc.close();
  });

  it("opens a step's Verify only after the previous step is verified", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    await expect(startStepRun(alice, { teamId: demo.atlas, stepId: "d03-s2", kind: "VERIFY" })).rejects.toThrow(/Step 3.1 is not verified yet/);
    const engine = await getStepEngine(alice, demo.atlas, "d03-s2");
    expect(engine.gate).toMatchObject({ open: false, blockedByNumber: "3.1" });
    expect((await getStepEngine(alice, demo.atlas, "d03-s1")).gate).toMatchObject({ open: true, via: "previous" });
  });

  it("marks a verified step regressed when re-verify all finds it broken", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const conn = await openTeamConnection(demo.atlas);
    if (!conn.ok) throw new Error(conn.message);
    expect((await deleteDataKey(conn.value.kc, "ConfigMap", namespace, "ecommerce-backend-config", "DATABASE_HOST")).ok).toBe(true);
    conn.value.kc.close();
    const batch = await reverifyAll(alice, demo.atlas);
    await batch.done;
    expect(batch.started).toBeGreaterThanOrEqual(2);
    const progress = await demo.client.stepProgress.findMany({ where: { teamId: demo.atlas }, select: { stepId: true, status: true } });
    expect(Object.fromEntries(progress.map((p) => [p.stepId, p.status]))).toMatchObject({ "d01-s2": "VERIFIED", "d02-s1": "REGRESSED" });
    const regressedRun = await demo.client.run.findFirstOrThrow({ where: { teamId: demo.atlas, stepId: "d02-s1", batchId: batch.batchId } });
    expect(regressedRun.summary).toMatch(/1 failed/);
  });

  it("refuses students of another team, stakeholders, and instructors applying", async () => {
    const bea = await actorFor(demo.client, "bea@daybook.local");
    const sam = await actorFor(demo.client, "stakeholder@daybook.local");
    const ines = await actorFor(demo.client, "instructor@daybook.local");
    await expect(startStepRun(bea, { teamId: demo.atlas, stepId: "d01-s2", kind: "VERIFY" })).rejects.toThrow(/^You are not allowed to /);
    await expect(startStepRun(sam, { teamId: demo.atlas, stepId: "d01-s2", kind: "VERIFY" })).rejects.toThrow(/^You are not allowed to /);
    await expect(startStepRun(ines, { teamId: demo.atlas, stepId: "d01-s2", kind: "APPLY" })).rejects.toThrow(/^You are not allowed to /);
    await expect(getStepEngine(sam, demo.atlas, "d01-s2")).rejects.toThrow(/^You are not allowed to /);
    await expect(attestStep(bea, { teamId: demo.atlas, stepId: "d17-s1", checkId: "docs-reviewed", fields: {} })).rejects.toThrow(/^You are not allowed to /);
  });
});
