import { CoreV1Api, Metrics } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNamespace, deleteNamespace, loadTestKubeConfig, waitFor } from "../support/cluster";

function cpuMillicores(quantity: string): number {
  if (quantity.endsWith("n")) return Number(quantity.slice(0, -1)) / 1e6;
  if (quantity.endsWith("u")) return Number(quantity.slice(0, -1)) / 1e3;
  if (quantity.endsWith("m")) return Number(quantity.slice(0, -1));
  return Number(quantity) * 1000;
}

function memoryMebibytes(quantity: string): number {
  if (quantity.endsWith("Ki")) return Number(quantity.slice(0, -2)) / 1024;
  if (quantity.endsWith("Mi")) return Number(quantity.slice(0, -2));
  if (quantity.endsWith("Gi")) return Number(quantity.slice(0, -2)) * 1024;
  return Number(quantity) / (1024 * 1024);
}

// kwok reports pod usage from the kwok.x-k8s.io/usage-* annotations; metrics-server scrapes it
// every 10 s and serves metrics.k8s.io (what `kubectl top` reads).
describe.runIf(process.env.DAYBOOK_TEST_METRICS_ENABLED === "1")("metrics.k8s.io (kubectl top)", () => {
  const kc = loadTestKubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const metrics = new Metrics(kc);
  let namespace = "";

  beforeAll(async () => {
    namespace = await createTestNamespace("cp-metrics");
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: {
          name: "busy-backend",
          annotations: { "kwok.x-k8s.io/usage-cpu": "250m", "kwok.x-k8s.io/usage-memory": "300Mi" },
        },
        spec: { containers: [{ name: "api", image: "ghcr.io/example/shop-backend:1.0.0" }] },
      },
    });
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace);
  });

  it("reports pod usage taken from the kwok usage annotations", async () => {
    const container = await waitFor(
      async () => {
        const list = await metrics.getPodMetrics(namespace);
        return list.items.find((p) => p.metadata.name === "busy-backend")?.containers[0];
      },
      { timeoutMs: 90_000, intervalMs: 1_000, description: "pod metrics of busy-backend" },
    );
    expect(container.name).toBe("api");
    expect(memoryMebibytes(container.usage.memory)).toBeCloseTo(300, 0);
    const cpu = cpuMillicores(container.usage.cpu);
    expect(cpu).toBeGreaterThan(200);
    expect(cpu).toBeLessThan(300);
  });

  it("reports node usage for the node running the pod", async () => {
    // kwok derives node usage from the pods on it: a node without pods has no metrics.
    const pod = await core.readNamespacedPod({ name: "busy-backend", namespace });
    const nodeName = pod.spec?.nodeName ?? "";
    const node = await waitFor(
      async () => (await metrics.getNodeMetrics()).items.find((n) => n.metadata.name === nodeName),
      { timeoutMs: 90_000, intervalMs: 1_000, description: `node metrics of ${nodeName}` },
    );
    expect(memoryMebibytes(node.usage.memory)).toBeGreaterThanOrEqual(300);
    expect(cpuMillicores(node.usage.cpu)).toBeGreaterThan(200);
  });
});
