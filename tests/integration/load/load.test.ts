/**
 * The performance test's runner on the real control plane: load through port-forwards to every ready pod
 * of the course's Services (podsim's backend and frontend), the numbers it reports checked against what
 * the backend's pods counted in their /metrics (http_requests_total), the Day 20 concurrency reached at a
 * scaled duration, cancel, and the verdicts of a backend scaled to zero and of one made too slow.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { AppsV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterReads } from "@/lib/checks/reads";
import { findStep, loadCourse } from "@/lib/course/load";
import { openPortForward } from "@/lib/k8s/port-forward";
import { failure, unwrap } from "@/lib/k8s/result";
import { stepLoadTargets } from "@/lib/load/plan";
import { runLoadTests } from "@/lib/load/run-load";
import type { LoadState, LoadTargetSpec } from "@/lib/load/types";
import { createTestNamespace, deleteNamespace, isLocalControlPlane, loadTestKubeConfig, waitFor } from "../support/cluster";
import { applyCourseFiles, inPod, readyPods } from "../support/course-workload";
import { httpViaPortForward } from "../support/port-forward";

const kc = loadTestKubeConfig();
const apps = kc.makeApiClient(AppsV1Api);
const mergePatch = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);
const SCHEMA = fs.readFileSync(path.resolve(import.meta.dirname, "../../../course/database/schema.sql"), "utf8");
const SEED = "INSERT INTO products (name, description, price, category) VALUES ('Laptop', 'High-performance laptop', 999.99, 'Electronics'), ('Mouse', 'Wireless mouse', 29.99, 'Electronics');";

describe.runIf(isLocalControlPlane())("performance tests through port-forwards to podsim's pods", () => {
  let ns = "";
  const reads = () => clusterReads(kc, { team: { namespace: ns, images: {}, urls: {} }, fetchUrl: async () => failure("unsupported", "no public URLs here") });
  const targets = (stepId: string) => stepLoadTargets(findStep(loadCourse(), stepId)!, { namespace: ns, images: {}, urls: {} });
  const backendOnly = (stepId: string, concurrency?: number): LoadTargetSpec[] => targets(stepId).filter((t) => t.service === "ecommerce-backend-service").map((t) => ({ ...t, concurrency: concurrency ?? t.concurrency }));
  const psql = async (sql: string) => {
    const db = (await readyPods(kc, ns, "component=database"))[0]!.metadata!.name!;
    const r = await inPod(kc, ns, db, "ecommerce-database").exec(["psql", "-U", "postgres", "-d", "ecommerce", "-v", "ON_ERROR_STOP=1"], sql);
    expect(r.exitCode, r.stderr).toBe(0);
  };
  /** What each backend pod says it answered on /api/products (prometheus-fastapi-instrumentator's counter). */
  const served = async (): Promise<Map<string, number>> => {
    const pods = await readyPods(kc, ns, "component=backend", 3);
    const counts = await Promise.all(pods.map(async (p) => {
      const text = (await httpViaPortForward(kc, { namespace: ns, pod: p.metadata!.name!, port: 8000, path: "/metrics" })).body;
      const line = text.split("\n").find((l) => l.startsWith("http_requests_total{") && l.includes('handler="/api/products"') && l.includes('status="2xx"'));
      return [p.metadata!.name!, line ? Number(line.split(" ").at(-1)) : 0] as const;
    }));
    return new Map(counts);
  };

  beforeAll(async () => {
    ns = await createTestNamespace("load");
    await applyCourseFiles(kc, ns, ["k8s-manifests/02-configmaps.yaml", "k8s-manifests/03-secrets.yaml", "k8s-manifests/04-deployments.yaml", "k8s-manifests/05-services.yaml"]);
    await readyPods(kc, ns, "component=backend", 3);
    await readyPods(kc, ns, "component=frontend", 2);
    await psql(`${SCHEMA}\n${SEED}`);
    await waitFor(async () => (await httpViaPortForward(kc, { namespace: ns, pod: (await readyPods(kc, ns, "component=backend"))[0]!.metadata!.name!, port: 8000, path: "/api/products" })).status === 200, { timeoutMs: 60_000, description: "the backend to answer /api/products" });
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns).catch(() => undefined);
  });

  it("reports what the backend's pods served, spread over all three, second by second", async () => {
    const before = await served();
    const progress: LoadState[] = [];
    const state = await runLoadTests(kc, reads(), backendOnly("d10-s2", 12), { timeScale: 0.01, onProgress: (s) => progress.push(s) });
    const after = await served();
    const t = state.targets[0]!;
    expect(state).toMatchObject({ phase: "done", timeScale: 0.01, plannedMs: 3000 });
    expect(t.judgement?.status, t.judgement?.actual).toBe("pass");
    expect(t.totals.errors).toBe(0);
    expect(t.totals.statusCodes).toEqual({ "200": t.totals.requests });
    expect(t.pods.map((p) => p.name).sort()).toEqual([...after.keys()].sort());
    // Each pod counted every answer Daybook got from it, plus at most the requests in flight when the time was up.
    for (const pod of t.pods) {
      const delta = after.get(pod.name)! - before.get(pod.name)!;
      expect(pod.requests).toBeGreaterThan(0);
      expect(delta).toBeGreaterThanOrEqual(pod.requests);
      expect(delta - pod.requests).toBeLessThanOrEqual(t.spec.concurrency);
    }
    expect(t.pods.reduce((n, p) => n + p.requests, 0)).toBe(t.totals.requests);
    expect(t.series.reduce((n, p) => n + p.requests, 0)).toBe(t.totals.requests);
    expect(t.series.length).toBeGreaterThanOrEqual(3);
    expect(t.connections).toEqual({ configured: 12, peakOpen: 12, answered: 12 });
    expect(t.latency.p95).toBeGreaterThan(0);
    // Progress came while it ran, with the seconds so far.
    expect(progress.some((s) => s.phase === "running" && s.targets[0]!.series.length >= 1)).toBe(true);
  });

  it("reaches Day 20's 200 concurrent connections on each target at a scaled duration", async () => {
    const day20 = targets("d20-s1");
    expect(day20.map((t) => [t.service, t.durationSeconds, t.concurrency])).toEqual([["ecommerce-backend-service", 1200, 200], ["ecommerce-frontend-service", 1200, 200]]);
    const state = await runLoadTests(kc, reads(), day20, { timeScale: 0.01 });
    expect(state.plannedMs).toBe(12_000);
    for (const t of state.targets) {
      expect(t.connections, t.spec.service).toMatchObject({ configured: 200, answered: 200 });
      expect(t.connections.peakOpen).toBeGreaterThanOrEqual(200);
      expect(t.totals.requests).toBeGreaterThanOrEqual(200);
    }
    expect(state.targets.map((t) => t.pods.length)).toEqual([3, 2]);
  });

  it("stops on cancel with what it measured so far, unjudged", async () => {
    const controller = new AbortController();
    const state = await runLoadTests(kc, reads(), backendOnly("d10-s2"), {
      timeScale: 1,
      signal: controller.signal,
      progressIntervalMs: 200,
      onProgress: (s) => (s.targets[0]!.totals.requests > 20 ? controller.abort() : undefined),
    });
    const t = state.targets[0]!;
    expect(state.phase).toBe("cancelled");
    expect(state.plannedMs).toBe(300_000);
    expect(state.elapsedMs).toBeLessThan(300_000);
    expect(t.totals.requests).toBeGreaterThan(20);
    expect(t.judgement).toBeUndefined();
  });

  it("fails a backend made too slow for the p95 limit, and passes again once repaired", async () => {
    await psql("ALTER TABLE products RENAME TO products_data; CREATE VIEW products AS SELECT p.* FROM products_data p CROSS JOIN pg_sleep(0.3) s;");
    const slow = (await runLoadTests(kc, reads(), backendOnly("d10-s2", 4), { timeScale: 0.01 })).targets[0]!;
    expect(slow.judgement?.status).toBe("fail");
    expect(slow.judgement?.actual).toMatch(/p95 [\d.]+ ms is above 1000 ms/);
    expect(slow.latency.p95).toBeGreaterThan(1000);
    await psql("DROP VIEW products; ALTER TABLE products_data RENAME TO products;");
    const repaired = (await runLoadTests(kc, reads(), backendOnly("d10-s2", 4), { timeScale: 0.01 })).targets[0]!;
    expect(repaired.judgement?.status, repaired.judgement?.actual).toBe("pass");
  });

  // autocannon closes its connections when the time is up, while answers are still on their way.
  it("a connection the client closes before its answer arrives does not crash the process", async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", record);
    const pod = (await readyPods(kc, ns, "component=backend"))[0]!.metadata!.name!;
    const forward = unwrap(await openPortForward(kc, { namespace: ns, pod, port: 8000 }));
    const before = (await served()).get(pod)!;
    try {
      const port = Number(new URL(forward.url).port);
      let closed = 0;
      for (let i = 0; i < 20; i++) {
        net.connect(port, "127.0.0.1", function (this: net.Socket) { this.end("GET /api/products HTTP/1.1\r\nHost: x\r\n\r\n"); }).on("error", () => undefined).on("close", () => (closed += 1));
      }
      await waitFor(async () => closed === 20 && forward.connections().open === 0, { timeoutMs: 30_000, description: "every connection closed" });
      // The pod answered all 20 after the clients had left; its answers came back through the API server.
      await waitFor(async () => (await served()).get(pod)! >= before + 20, { timeoutMs: 30_000, description: "the pod to answer the 20 requests" });
      const after = await fetch(`${forward.url}/health`);
      expect(after.status).toBe(200);
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", record);
      await forward.close();
    }
  });

  it("fails when the backend is scaled to zero: no ready pod to load", async () => {
    await apps.patchNamespacedDeployment({ name: "ecommerce-backend-deployment", namespace: ns, body: { spec: { replicas: 0 } } }, mergePatch);
    await waitFor(async () => !(await podsLeft()), { timeoutMs: 60_000, description: "the backend pods gone" });
    const t = (await runLoadTests(kc, reads(), backendOnly("d10-s2"), { timeScale: 0.01 })).targets[0]!;
    expect(t.judgement).toMatchObject({ status: "fail", actual: expect.stringMatching(/^no ready pod behind Service ecommerce-backend-service/) });
    expect(t.totals.requests).toBe(0);
  });

  async function podsLeft(): Promise<boolean> {
    const pods = await reads().list("v1", "Pod", ns, { labelSelector: "component=backend" });
    return pods.ok && pods.value.length > 0;
  }
});
