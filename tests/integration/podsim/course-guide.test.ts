/**
 * The course manifests applied in guide order on the local cluster, and the guide's own commands
 * (kubectl logs, kubectl exec psql/curl, kubectl port-forward + curl) seeing what the guide
 * expects, because podsim plays the course's images. Only through the Kubernetes API.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCourseDir } from "@/lib/course/load";
import { createTestNamespace, deleteNamespace, isLocalControlPlane, loadTestKubeConfig, waitFor } from "../support/cluster";
import { applyCourseFiles, inPod, readyPods } from "../support/course-workload";
import { httpViaPortForward } from "../support/port-forward";

const kc = loadTestKubeConfig();
const sql = (file: string) => readFileSync(path.join(defaultCourseDir(), "database", file), "utf8");

describe.runIf(isLocalControlPlane())("the guide's commands against the course's pods (podsim)", () => {
  let namespace = "";
  const podOf = async (selector: string, count = 1) => (await readyPods(kc, namespace, selector, count))[0]!.metadata!.name!;
  const psql = async (args: string[], stdin?: string) =>
    inPod(kc, namespace, await podOf("component=database"), "ecommerce-database").exec(["psql", "-U", "postgres", "-d", "ecommerce", ...args], stdin);
  const http = async (selector: string, port: number, urlPath: string) =>
    httpViaPortForward(kc, { namespace, pod: await podOf(selector), port, path: urlPath });

  beforeAll(async () => {
    namespace = await createTestNamespace("podsim-guide");
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace, { wait: true }).catch(() => undefined);
  });

  it("Day 3: the backend logs uvicorn's start-up, the frontend nginx's, and / answers HTML", async () => {
    await applyCourseFiles(kc, namespace, ["k8s-manifests/01-namespace.yaml", "k8s-manifests/02-configmaps.yaml",
      "k8s-manifests/03-secrets.yaml", "k8s-manifests/04-deployments.yaml", "k8s-manifests/05-services.yaml"]);
    const backend = await podOf("component=backend", 3);
    const backendLog = await inPod(kc, namespace, backend, "ecommerce-backend").logs();
    expect(backendLog).toContain("Application startup complete");
    expect(backendLog).toContain("Uvicorn running on http://0.0.0.0:8000");
    expect(await inPod(kc, namespace, await podOf("component=frontend", 2), "ecommerce-frontend").logs()).toMatch(/start worker process/);
    const home = await http("component=frontend", 3000, "/");
    expect(home.status).toBe(200);
    expect(home.body).toContain("<html");
  });

  it("Day 4: psql reaches a real PostgreSQL; schema.sql and seed.sql arrive on stdin", async () => {
    const db = await podOf("component=database");
    expect(await inPod(kc, namespace, db, "ecommerce-database").logs()).toContain("database system is ready to accept connections");
    const version = await psql(["-c", "SELECT version();"]);
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toMatch(/^\s+version\s*\n-+\n PostgreSQL \d+/);
    expect(version.stdout).toContain("(1 row)");
    expect((await psql(["-tAc", "SELECT to_regclass('public.orders');"])).stdout).toBe("\n");

    const schema = await psql([], sql("schema.sql"));
    expect(schema).toMatchObject({ exitCode: 0, stdout: "CREATE TABLE\nCREATE TABLE\n", stderr: "" });
    expect((await psql([], sql("seed.sql"))).stdout).toBe("INSERT 0 3\n");
    expect((await psql(["-tAc", "SELECT to_regclass('public.orders');"])).stdout).toBe("orders\n");
    expect((await psql(["-tAc", "SELECT name FROM products ORDER BY id;"])).stdout).toBe("Laptop\nMouse\nKeyboard\n");

    const again = await psql([], sql("schema.sql"));
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('psql:<stdin>:11: ERROR:  relation "products" already exists');
    const unknownDb = await inPod(kc, namespace, db, "ecommerce-database").exec(["psql", "-U", "postgres", "-d", "shop", "-c", "SELECT 1"]);
    expect(unknownDb.exitCode).toBe(2);
    expect(unknownDb.stderr).toContain('FATAL:  database "shop" does not exist');
  });

  it("Day 5: through a port-forward, /health answers and /api/products lists the seeded rows", async () => {
    const health = await http("component=backend", 8000, "/health");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: "healthy" });
    const products = await http("component=backend", 8000, "/api/products");
    expect(products.status).toBe(200);
    expect((JSON.parse(products.body) as Array<{ name: string; price: number }>).map((p) => [p.name, p.price]))
      .toEqual([["Laptop", 999.99], ["Mouse", 29.99], ["Keyboard", 79.99]]);
    const viaFrontend = await http("component=frontend", 3000, "/api/products");
    expect(viaFrontend.status).toBe(200);
    expect(viaFrontend.body).toContain("Keyboard");
    expect((await http("component=backend", 8000, "/metrics")).body).toMatch(/^http_requests_total\{handler="\/api\/products",method="GET",status="2xx"\} \d+\.0$/m);
  });

  it("Day 8: the sidecar answers /health from its ConfigMap and init-db logs that the database is ready", async () => {
    await applyCourseFiles(kc, namespace, ["k8s-manifests/07-multi-container-pods.yaml", "k8s-manifests/08-init-containers.yaml"]);
    const pod = await waitFor(async () => {
      const pods = await readyPods(kc, namespace, "component=backend", 3);
      return pods.length === 3 && pods.every((p) => p.spec?.initContainers?.length === 1 && p.spec.containers.length === 2) ? pods[0] : undefined;
    }, { timeoutMs: 90_000, description: "backend rolled out with init-db and sidecar" });
    const name = pod.metadata!.name!;
    const sidecar = await inPod(kc, namespace, name, "sidecar").exec(["curl", "-fsS", "localhost:8080/health"]);
    expect(sidecar).toEqual({ stdout: '{"status":"ok","container":"sidecar"}', stderr: "", exitCode: 0 });
    const initLog = await inPod(kc, namespace, name, "init-db").logs();
    expect(initLog).toMatch(/^waiting for ecommerce-database-service:5432\n/);
    expect(initLog).toContain("ecommerce-database-service:5432 - accepting connections\ndatabase is ready\n");
    const ambassador = await httpViaPortForward(kc, { namespace, pod: name, port: 8080, path: "/backend/health" });
    expect(JSON.parse(ambassador.body)).toEqual({ status: "healthy" });
  });

  it("Days 11-12: Prometheus scrapes the backend and loads the rules; Grafana and Alertmanager answer", async () => {
    await applyCourseFiles(kc, namespace, ["monitoring/prometheus-deployment.yaml", "monitoring/prometheus-service.yaml",
      "monitoring/prometheus-config.yaml", "monitoring/grafana-deployment.yaml", "monitoring/grafana-service.yaml",
      "monitoring/alertmanager-deployment.yaml", "monitoring/alertmanager-service.yaml", "monitoring/alertmanager-config.yaml",
      "monitoring/prometheus-alerting-config.yaml"]);
    const targets = await waitFor(async () => {
      const response = await http("app=prometheus", 9090, "/api/v1/targets");
      const parsed = JSON.parse(response.body) as { data: { activeTargets: Array<{ labels: { job: string }; health: string; lastError: string }> } };
      const up = parsed.data.activeTargets.filter((t) => t.health === "up").map((t) => t.labels.job).sort();
      return up.join() === "alertmanager,ecommerce-backend,prometheus" ? parsed.data.activeTargets : undefined;
    }, { description: "Prometheus scrapes itself, the backend and Alertmanager" });
    const byJob = Object.fromEntries(targets.map((t) => [t.labels.job, t]));
    expect(byJob["ecommerce-backend"]).toMatchObject({ health: "up", lastError: "" });
    expect(byJob.alertmanager).toMatchObject({ health: "up" });
    expect(byJob["kube-state-metrics"]).toMatchObject({ health: "down" });
    expect(byJob["kube-state-metrics"]!.lastError).toContain("no such host");

    const rules = await http("app=prometheus", 9090, "/api/v1/rules");
    expect(rules.body).toContain('"type":"alerting"');
    expect(rules.body).toContain("HighErrorRate");
    const alertmanagers = JSON.parse((await http("app=prometheus", 9090, "/api/v1/alertmanagers")).body);
    expect(alertmanagers.data.activeAlertmanagers).toEqual([{ url: "http://alertmanager-service:9093/api/v2/alerts" }]);

    expect((await http("app=grafana", 3000, "/login")).status).toBe(200);
    expect(JSON.parse((await http("app=grafana", 3000, "/api/health")).body)).toMatchObject({ database: "ok" });
    expect((await http("app=alertmanager", 9093, "/-/healthy")).status).toBe(200);
    expect(JSON.parse((await http("app=alertmanager", 9093, "/api/v2/alerts")).body)).toEqual([]);
  });

  it("Day 13: with the NetworkPolicies the frontend reaches the backend but not Prometheus", async () => {
    await applyCourseFiles(kc, namespace, ["k8s-manifests/09-rbac.yaml", "k8s-manifests/10-network-policies.yaml"]);
    const frontend = inPod(kc, namespace, await podOf("component=frontend", 2), "ecommerce-frontend");
    await waitFor(async () => (await frontend.exec(["curl", "-sS", "--max-time", "2", "prometheus-service:9090/-/healthy"])).exitCode === 28,
      { timeoutMs: 30_000, description: "the frontend's traffic to Prometheus is dropped" });
    expect(await frontend.exec(["curl", "-fsS", "--max-time", "5", "ecommerce-backend-service:8000/health"]))
      .toEqual({ stdout: '{"status":"healthy"}', stderr: "", exitCode: 0 });
    const started = Date.now();
    const blocked = await frontend.exec(["curl", "-sS", "--max-time", "2", "prometheus-service:9090/-/healthy"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(blocked.exitCode).toBe(28);
    expect(blocked.stderr).toMatch(/^curl: \(28\) Connection timed out after 2\d{3} milliseconds\n$/);
    const misnamed = await frontend.exec(["curl", "prometheus:9090"]);
    expect(misnamed.exitCode).toBe(6);
    expect(misnamed.stderr).toContain("curl: (6) Could not resolve host: prometheus");

    // a port-forward is delivered into the pod: NetworkPolicy does not apply to it
    expect((await http("app=prometheus", 9090, "/-/healthy")).status).toBe(200);
    // backend -> database is allowed, so the products still come from PostgreSQL
    expect((await http("component=backend", 8000, "/api/products")).body).toContain("Laptop");
    const targets = JSON.parse((await http("app=prometheus", 9090, "/api/v1/targets")).body) as { data: { activeTargets: Array<{ labels: { job: string }; health: string }> } };
    expect(targets.data.activeTargets.find((t) => t.labels.job === "ecommerce-backend")?.health).toBe("up");
  });
});
