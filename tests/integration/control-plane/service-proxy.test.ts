import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNamespace, deleteNamespace, loadTestKubeConfig, waitFor } from "../support/cluster";
import { podIpsReachable, serveOnPodIp, serviceProxyGet } from "../support/service-proxy";

const labels = { app: "backend" };

// Pods are simulated by kwok; here a local HTTP fixture listens on the pod's IP, so the API
// server's service proxy reaches "the backend" through the Service's endpoints.
describe.runIf(podIpsReachable())("Service proxy to a pod IP (local fixture)", () => {
  const kc = loadTestKubeConfig();
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  let namespace = "";
  let stopFixture: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    namespace = await createTestNamespace("cp-svc-proxy");
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: "backend", labels },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: "api", image: "ghcr.io/example/shop-backend:1.0.0", ports: [{ containerPort: 8000 }] }] },
          },
        },
      },
    });
    await core.createNamespacedService({
      namespace,
      body: { metadata: { name: "backend" }, spec: { selector: labels, ports: [{ name: "http", port: 8000, targetPort: 8000 }] } },
    });
  });
  afterAll(async () => {
    await stopFixture?.();
    if (namespace) await deleteNamespace(namespace);
  });

  it("GET /health through services/backend:8000/proxy reaches the fixture", async () => {
    const podIp = await waitFor(
      async () => {
        const pods = await core.listNamespacedPod({ namespace, labelSelector: "app=backend" });
        return pods.items[0]?.status?.phase === "Running" ? pods.items[0].status.podIP : undefined;
      },
      { timeoutMs: 60_000, description: "backend pod IP" },
    );
    stopFixture = await serveOnPodIp(podIp, 8000, (req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(req.url === "/health" ? JSON.stringify({ status: "healthy" }) : JSON.stringify({ path: req.url }));
    });

    const response = await waitFor(
      async () => {
        const r = await serviceProxyGet(kc, { namespace, service: "backend", port: 8000, path: "/health" });
        return r.status === 200 ? r : undefined;
      },
      { timeoutMs: 60_000, description: "service proxy to answer 200" },
    );
    expect(JSON.parse(response.body)).toEqual({ status: "healthy" });
  });
});
