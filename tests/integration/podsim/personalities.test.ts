/**
 * What podsim's simulated images do when their Kubernetes objects change: the nginx sidecar
 * follows its ConfigMap (and stops serving on a broken one), the frontend's /api proxy fails like
 * nginx, unknown images serve nothing, and Prometheus' alerts reach Alertmanager.
 */
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNamespace, deleteNamespace, isLocalControlPlane, loadTestKubeConfig, waitFor } from "../support/cluster";
import { applyCourseFiles, applyObjects, inPod, readyPods } from "../support/course-workload";
import { httpViaPortForward } from "../support/port-forward";

const kc = loadTestKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const mergePatch = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);
const json = <T>(text: string) => JSON.parse(text) as T;

describe.runIf(isLocalControlPlane())("podsim's images follow their objects", () => {
  let ns = "";
  const pod = async (selector: string) => (await readyPods(kc, ns, selector))[0]!.metadata!.name!;
  const get = async (selector: string, port: number, path: string) => httpViaPortForward(kc, { namespace: ns, pod: await pod(selector), port, path });
  const sidecarConfig = async (conf: string) => core.patchNamespacedConfigMap(
    { name: "ecommerce-backend-sidecar-config", namespace: ns, body: { data: { "default.conf": conf } } }, mergePatch);
  const scale = (name: string, replicas: number) => apps.patchNamespacedDeployment({ name, namespace: ns, body: { spec: { replicas } } }, mergePatch);

  beforeAll(async () => {
    ns = await createTestNamespace("podsim-images");
    await applyCourseFiles(kc, ns, ["k8s-manifests/01-namespace.yaml", "k8s-manifests/02-configmaps.yaml", "k8s-manifests/03-secrets.yaml",
      "k8s-manifests/04-deployments.yaml", "k8s-manifests/05-services.yaml", "k8s-manifests/07-multi-container-pods.yaml"]);
    await waitFor(async () => {
      const pods = await readyPods(kc, ns, "component=backend", 3);
      return pods.every((p) => p.spec?.containers.length === 2);
    }, { timeoutMs: 90_000, description: "backend pods with the sidecar" });
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns, { wait: true }).catch(() => undefined);
  });

  it("the sidecar answers from its ConfigMap, follows an edit, and serves nothing on a broken one", async () => {
    const backend = await pod("component=backend");
    const curl = (args: string[]) => inPod(kc, ns, backend, "sidecar").exec(["curl", ...args]);
    expect(await curl(["-fsS", "localhost:8080/health"])).toMatchObject({ exitCode: 0, stdout: '{"status":"ok","container":"sidecar"}' });
    await sidecarConfig("server {\n  listen 8080;\n  location = /health {\n    return 503 'draining';\n  }\n}\n");
    await waitFor(async () => (await curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "localhost:8080/health"])).stdout === "503",
      { timeoutMs: 30_000, description: "the sidecar to answer 503" });
    expect(await curl(["-fsS", "localhost:8080/health"])).toMatchObject({ exitCode: 22, stderr: "curl: (22) The requested URL returned error: 503\n" });
    await sidecarConfig("server {\n  listen 8080;\n  location = /health {\n    return 200 'ok'\n  }\n");
    await waitFor(async () => (await curl(["-sS", "localhost:8080/health"])).exitCode === 7, { timeoutMs: 30_000, description: "nginx to stop serving" });
    expect(await inPod(kc, ns, backend, "sidecar").logs()).toMatch(/nginx: \[emerg\] unexpected "}" in \/etc\/nginx\/conf\.d\/default\.conf:\d+/);
    await expect(httpViaPortForward(kc, { namespace: ns, pod: backend, port: 8080, path: "/health", timeoutMs: 10_000 })).rejects.toThrow();
    await sidecarConfig("server {\n  listen 8081;\n  location / {\n    return 200 'moved';\n  }\n}\n");
    await waitFor(async () => (await curl(["-s", "localhost:8081/"])).stdout === "moved", { timeoutMs: 30_000, description: "nginx on its new port" });
    expect((await httpViaPortForward(kc, { namespace: ns, pod: backend, port: 8081, path: "/" })).body).toBe("moved");
  });

  it("the frontend's /api proxy answers 502 like nginx when no backend is left", async () => {
    expect((await get("component=frontend", 3000, "/api/products")).status).toBe(500);
    await scale("ecommerce-backend-deployment", 0);
    const gateway = await waitFor(async () => {
      const response = await get("component=frontend", 3000, "/api/products");
      return response.status === 502 ? response : undefined;
    }, { timeoutMs: 60_000, description: "502 from the frontend" });
    expect(gateway.body).toContain("<title>502 Bad Gateway</title>");
    expect((await get("component=frontend", 3000, "/")).body).toContain('<div id="root"></div>');
    await scale("ecommerce-backend-deployment", 3);
    await readyPods(kc, ns, "component=backend", 3);
  });

  it("an image podsim does not know runs, logs one line and serves nothing", async () => {
    const deployment = await apps.readNamespacedDeployment({ name: "ecommerce-frontend-deployment", namespace: ns });
    deployment.spec!.template.spec!.containers[0]!.image = "ecommerce-frontend-typo:v1.0.0";
    await apps.replaceNamespacedDeployment({ name: "ecommerce-frontend-deployment", namespace: ns, body: deployment });
    const broken = await waitFor(async () => {
      const pods = await readyPods(kc, ns, "component=frontend", 2);
      return pods.every((p) => p.spec?.containers[0]?.image === "ecommerce-frontend-typo:v1.0.0") ? pods[0]!.metadata!.name! : undefined;
    }, { timeoutMs: 90_000, description: "the rollout to the unknown image" });
    expect(await inPod(kc, ns, broken, "ecommerce-frontend").logs())
      .toBe("podsim: no simulation for image ecommerce-frontend-typo:v1.0.0; the container runs but serves nothing\n");
    await expect(httpViaPortForward(kc, { namespace: ns, pod: broken, port: 3000, path: "/", timeoutMs: 10_000 })).rejects.toThrow();
    const backend = await pod("component=backend");
    expect((await inPod(kc, ns, backend, "sidecar").exec(["curl", "-sS", "ecommerce-frontend-service:3000"])).exitCode).toBe(7);
  });

  it("Prometheus sees the backend go down; a firing alert reaches Alertmanager, routed and with external labels", async () => {
    await applyCourseFiles(kc, ns, ["monitoring/prometheus-deployment.yaml", "monitoring/prometheus-service.yaml", "monitoring/prometheus-config.yaml",
      "monitoring/alertmanager-deployment.yaml", "monitoring/alertmanager-service.yaml", "monitoring/alertmanager-config.yaml"]);
    // the course's rules wait 2-15 minutes (for:); these fire at once
    await applyObjects(kc, [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "prometheus-alerting-config", namespace: ns }, data: {
      "now.yml": "groups:\n  - name: now\n    rules:\n      - alert: BackendDownNow\n        expr: up{job=\"ecommerce-backend\"} == 0\n        labels:\n          severity: critical\n        annotations:\n          summary: \"{{ $labels.instance }} is down\"\n",
    } }]);
    await waitFor(async () => (await get("app=prometheus", 9090, "/api/v1/rules")).body.includes("BackendDownNow"), { description: "the rule loaded" });
    const inactive = json<{ data: { alerts: unknown[] } }>((await get("app=prometheus", 9090, "/api/v1/alerts")).body);
    expect(inactive.data.alerts.filter((a) => JSON.stringify(a).includes("BackendDownNow"))).toEqual([]);

    await scale("ecommerce-backend-deployment", 0);
    const firing = await waitFor(async () => {
      const alerts = json<{ data: { alerts: Array<{ labels: Record<string, string>; state: string; annotations: Record<string, string> }> } }>(
        (await get("app=prometheus", 9090, "/api/v1/alerts")).body).data.alerts;
      return alerts.find((a) => a.labels.alertname === "BackendDownNow" && a.state === "firing");
    }, { timeoutMs: 60_000, description: "BackendDownNow firing" });
    expect(firing.annotations.summary).toBe("ecommerce-backend-service:8000 is down");
    const targets = json<{ data: { activeTargets: Array<{ labels: { job: string }; health: string; lastError: string }> } }>(
      (await get("app=prometheus", 9090, "/api/v1/targets")).body).data.activeTargets;
    expect(targets.find((t) => t.labels.job === "ecommerce-backend")).toMatchObject({ health: "down" });
    expect(targets.find((t) => t.labels.job === "ecommerce-backend")!.lastError).toMatch(/connect: connection refused$/);

    const received = json<Array<{ labels: Record<string, string>; receivers: Array<{ name: string }>; status: { state: string } }>>(
      (await get("app=alertmanager", 9093, "/api/v2/alerts")).body);
    expect(received.map((a) => ({ name: a.labels.alertname, cluster: a.labels.cluster, receivers: a.receivers, state: a.status.state })))
      .toEqual([{ name: "BackendDownNow", cluster: "ecommerce", receivers: [{ name: "oncall" }], state: "active" }]);

    await scale("ecommerce-backend-deployment", 3);
    await waitFor(async () => json<unknown[]>((await get("app=alertmanager", 9093, "/api/v2/alerts")).body).length === 0,
      { timeoutMs: 60_000, description: "the alert resolved" });
  });
});
