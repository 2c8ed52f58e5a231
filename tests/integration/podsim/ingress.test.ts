/**
 * podsim as the cluster's ingress-nginx (Day 16.2): the course chart installed with the production
 * values next to the course's monitoring stack, and its Ingresses answering on the controller's
 * address by Host and path, Prometheus under /prometheus through rewrite-target, the status a
 * controller publishes, and NetworkPolicy applied to the controller's traffic as a pod in
 * namespace ingress-nginx (the course's allow-ingress-controller).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AppsV1Api, NetworkingV1Api, PatchStrategy, setHeaderOptions, type V1Ingress } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCourseDir } from "@/lib/course/load";
import { createTestNamespace, deleteNamespace, helmBinary, isLocalControlPlane, loadTestKubeConfig, testKubeconfigPath, waitFor } from "../support/cluster";
import { applyCourseFiles, applyObjects, inPod, readyPods } from "../support/course-workload";
import { httpViaIngress } from "../support/ingress";

const kc = loadTestKubeConfig();
const apps = kc.makeApiClient(AppsV1Api);
const networking = kc.makeApiClient(NetworkingV1Api);
const mergePatch = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);
const run = promisify(execFile);
const course = defaultCourseDir();
const SHOP = "ecommerce.company.com";
const MONITORING = "monitoring.company.com";

const loadBalancer = (ingress: V1Ingress) => JSON.stringify(ingress.status?.loadBalancer?.ingress ?? []);

describe.runIf(isLocalControlPlane())("podsim's ingress controller (ingress-nginx) for Day 16", () => {
  let ns = "";
  const helmHome = mkdtempSync(path.join(tmpdir(), "podsim-ingress-helm-"));
  const shop = (urlPath: string) => httpViaIngress({ host: SHOP, path: urlPath });
  const monitoring = (urlPath: string) => httpViaIngress({ host: MONITORING, path: urlPath });

  beforeAll(async () => {
    ns = await createTestNamespace("podsim-ingress");
    await applyCourseFiles(kc, ns, ["monitoring/prometheus-config.yaml", "monitoring/prometheus-alerting-config.yaml", "monitoring/prometheus-deployment.yaml",
      "monitoring/prometheus-service.yaml", "monitoring/grafana-deployment.yaml", "monitoring/grafana-service.yaml", "k8s-manifests/10-network-policies.yaml"]);
    await run(helmBinary(), ["install", "ecommerce-prod", path.join(course, "templates"), "--namespace", ns, "-f", path.join(course, "environments/production/values.yaml"),
      "--wait", "--timeout", "120s", "--kubeconfig", testKubeconfigPath()], {
      timeout: 150_000,
      env: { ...process.env, HELM_CACHE_HOME: path.join(helmHome, "c"), HELM_CONFIG_HOME: path.join(helmHome, "f"), HELM_DATA_HOME: path.join(helmHome, "d") },
    });
    const db = (await readyPods(kc, ns, "app.kubernetes.io/instance=ecommerce-prod,app.kubernetes.io/component=database"))[0]!.metadata!.name!;
    for (const file of ["schema.sql", "seed.sql"]) {
      const loaded = await inPod(kc, ns, db, "ecommerce-database").exec(["psql", "-U", "postgres", "-d", "ecommerce"], readFileSync(path.join(course, "database", file), "utf8"));
      expect(loaded.exitCode, loaded.stderr).toBe(0);
    }
    await readyPods(kc, ns, "app in (prometheus, grafana)", 2);
  }, 180_000);
  afterAll(async () => {
    if (ns) await deleteNamespace(ns, { wait: true }).catch(() => undefined);
    rmSync(helmHome, { recursive: true, force: true });
  });

  it("publishes 127.0.0.1 as the load balancer of each of the chart's Ingresses", async () => {
    const ingresses = await waitFor(async () => {
      const items = (await networking.listNamespacedIngress({ namespace: ns })).items;
      return items.length === 3 && items.every((i) => loadBalancer(i) === '[{"ip":"127.0.0.1"}]') ? items : undefined;
    }, { description: "the Ingresses' status" });
    expect(ingresses.map((i) => i.metadata?.name).sort()).toEqual(["ecommerce-prod", "ecommerce-prod-grafana", "ecommerce-prod-prometheus"]);
  });

  it("routes the production host by path: /health and /api to the backend, the rest to the frontend", async () => {
    const health = await shop("/health");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: "healthy" });
    expect(health.headers.server).toBe("nginx");
    const products = await shop("/api/products");
    expect(products.status).toBe(200);
    expect(products.body).toContain("Laptop");
    for (const frontendPath of ["/", "/health/", "/apix", "/cart?item=1"]) {
      const page = await shop(frontendPath);
      expect([frontendPath, page.status, page.body]).toEqual([frontendPath, 200, expect.stringContaining("<html")]);
    }
    expect((await httpViaIngress({ host: `${SHOP}:18080`, path: "/health" })).status).toBe(200);
  });

  it("routes the monitoring host: / to Grafana, /prometheus(/|$)(.*) to Prometheus rewritten to /$2", async () => {
    const grafana = await monitoring("/");
    expect([grafana.status, grafana.headers.location]).toEqual([302, "/login"]);
    expect((await monitoring("/login")).body).toContain("<title>Grafana</title>");
    expect(JSON.parse((await monitoring("/api/health")).body)).toMatchObject({ database: "ok" });
    const healthy = await monitoring("/prometheus/-/healthy");
    expect([healthy.status, healthy.body]).toEqual([200, "Prometheus Server is Healthy.\n"]);
    const query = await monitoring("/prometheus/api/v1/query?query=up");
    expect(JSON.parse(query.body)).toMatchObject({ status: "success", data: { resultType: "vector" } });
    // Prometheus redirects / to /graph; proxy-redirect-from/to keeps it under /prometheus
    const root = await monitoring("/prometheus");
    expect([root.status, root.headers.location]).toEqual([302, "/prometheus/graph"]);
  });

  it("answers 404 for a host no Ingress names, and 503 while a Service has no ready endpoint", async () => {
    const unknown = await httpViaIngress({ host: "shop.example.org", path: "/" });
    expect([unknown.status, unknown.body]).toEqual([404, expect.stringContaining("<center><h1>404 Not Found</h1></center>")]);
    const scale = (replicas: number) => apps.patchNamespacedDeployment({ name: "ecommerce-prod-frontend", namespace: ns, body: { spec: { replicas } } }, mergePatch);
    await scale(0);
    await waitFor(async () => (await shop("/")).status === 503, { timeoutMs: 60_000, description: "503 without frontend endpoints" });
    expect((await shop("/health")).status).toBe(200);
    await scale(2);
    await waitFor(async () => (await shop("/")).status === 200, { timeoutMs: 60_000, description: "the frontend back" });
  });

  it("honours NetworkPolicy: the course's allow-ingress-controller admits namespace ingress-nginx; without it the connection is dropped", async () => {
    // a backend outside the chart, isolated by the course's default-deny-all and admitted by allow-ingress-controller only
    await applyObjects(kc, [
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", namespace: ns }, spec: {
        replicas: 1, selector: { matchLabels: { app: "api" } },
        template: { metadata: { labels: { app: "api", component: "backend" } }, spec: { containers: [{ name: "api", image: "ecommerce-backend:v1.0.0", ports: [{ containerPort: 8000 }] }] } },
      } },
      { apiVersion: "v1", kind: "Service", metadata: { name: "api", namespace: ns }, spec: { selector: { app: "api" }, ports: [{ name: "http", port: 80, targetPort: 8000 }] } },
      { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "api", namespace: ns, annotations: { "nginx.ingress.kubernetes.io/proxy-connect-timeout": "1" } }, spec: {
        ingressClassName: "nginx", rules: [{ host: "api.course.test", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "api", port: { name: "http" } } } }] } }],
      } },
    ]);
    await readyPods(kc, ns, "app=api");
    const api = () => httpViaIngress({ host: "api.course.test", path: "/health" });
    await waitFor(async () => (await api()).status === 200, { timeoutMs: 60_000, description: "the api through the ingress" });

    await networking.deleteNamespacedNetworkPolicy({ name: "allow-ingress-controller", namespace: ns });
    const dropped = await waitFor(async () => {
      const answer = await api();
      return answer.status === 504 ? answer : undefined;
    }, { timeoutMs: 60_000, description: "504 once nothing admits the controller" });
    expect(dropped.body).toContain("504 Gateway Time-out");
    // the chart's own policies still admit the controller to the chart's frontend
    expect((await shop("/")).status).toBe(200);

    await applyCourseFiles(kc, ns, ["k8s-manifests/10-network-policies.yaml"]);
    await waitFor(async () => (await api()).status === 200, { timeoutMs: 60_000, description: "admitted again" });
  });

  it("serves its own IngressClass only: another controller's Ingress gets no route and no status", async () => {
    const rule = (host: string) => [{ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "api", port: { number: 80 } } } }] } }];
    await networking.createNamespacedIngress({ namespace: ns, body: { metadata: { name: "theirs" }, spec: { ingressClassName: "traefik", rules: rule("theirs.course.test") } } });
    await networking.createNamespacedIngress({ namespace: ns, body: { metadata: { name: "ours" }, spec: { rules: rule("ours.course.test") } } });
    const ours = await waitFor(async () => {
      const ingress = await networking.readNamespacedIngress({ name: "ours", namespace: ns });
      return loadBalancer(ingress) === '[{"ip":"127.0.0.1"}]' ? ingress : undefined;
    }, { description: "status of the Ingress without a class" });
    // the admission plugin gave it the default IngressClass, nginx
    expect(ours.spec?.ingressClassName).toBe("nginx");
    expect((await httpViaIngress({ host: "ours.course.test", path: "/health" })).status).toBe(200);
    expect((await httpViaIngress({ host: "theirs.course.test", path: "/health" })).status).toBe(404);
    expect(loadBalancer(await networking.readNamespacedIngress({ name: "theirs", namespace: ns }))).toBe("[]");
  });
});
