// Measures what podsim costs on the running local cluster and prints the numbers recorded in
// docs/control-plane.md ("podsim: measured"): pod start, a claim's provisioning, port-forwarded
// and ingress request latency, exec latency, podsim's memory and its CPU while idle. Cleans up after itself.
//   NODE_OPTIONS=--conditions=react-server node_modules/.bin/tsx scripts/cluster/podsim-bench.ts [requests=200]
// Uses DAYBOOK_CLUSTER_RUN (default /tmp/daybook-cluster) to find the cluster and podsim's PID.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { AppsV1Api, CoreV1Api, KubeConfig, NetworkingV1Api } from "@kubernetes/client-node";
import { applyCourseFiles, boundVolume, inPod, readyPods } from "../../tests/integration/support/course-workload";
import { openPortForward } from "../../lib/k8s/port-forward";
import { unwrap } from "../../lib/k8s/result";

const run = process.env.DAYBOOK_CLUSTER_RUN ?? "/tmp/daybook-cluster";
const requests = Number(process.argv[2] ?? 200);
const kc = new KubeConfig();
kc.loadFromFile(path.join(run, "kubeconfig"));
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const podsimPid = Number(readFileSync(path.join(run, "pids", "podsim.pid"), "utf8"));
const ingressPort = Number(new URL(/^DAYBOOK_INGRESS_URL=(.*)$/m.exec(readFileSync(path.join(run, "env"), "utf8"))![1]!).port);

const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${podsimPid}/status`, "utf8"))![1]) / 1024;
const cpuSeconds = () => {
  const fields = readFileSync(`/proc/${podsimPid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;
const report = (name: string, ms: number[]) =>
  console.log(`${name.padEnd(52)} n=${String(ms.length).padStart(4)}  p50 ${percentile(ms, 0.5).toFixed(1).padStart(7)} ms  p95 ${percentile(ms, 0.95).toFixed(1).padStart(7)} ms`);

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function get(port: number, urlPath: string, agent: http.Agent, hostHeader?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path: urlPath, agent, headers: hostHeader ? { host: hostHeader } : {} }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    }).on("error", reject);
  });
}

const ns = `bench-${randomBytes(3).toString("hex")}`;
try {
  console.log(`podsim pid ${podsimPid}: rss ${rssMiB().toFixed(0)} MiB before the benchmark`);
  await core.createNamespace({ body: { metadata: { name: ns } } });
  for (;;) {
    try { await core.readNamespacedServiceAccount({ name: "default", namespace: ns }); break; } catch { await sleep(100); }
  }
  const claimStart = performance.now();
  await core.createNamespacedPersistentVolumeClaim({ namespace: ns, body: { metadata: { name: "bench" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } } });
  await boundVolume(kc, ns, "bench");
  console.log(`a claim of the default StorageClass created -> Bound: ${((performance.now() - claimStart) / 1000).toFixed(2)} s`);
  const deployStart = performance.now();
  await applyCourseFiles(kc, ns, ["k8s-manifests/01-namespace.yaml", "k8s-manifests/02-configmaps.yaml", "k8s-manifests/03-secrets.yaml",
    "k8s-manifests/04-deployments.yaml", "k8s-manifests/05-services.yaml"]);
  await readyPods(kc, ns, "app=ecommerce", 6, 120_000);
  console.log(`course Day 3-4 (6 pods incl. PostgreSQL init) applied -> all Ready: ${((performance.now() - deployStart) / 1000).toFixed(2)} s`);
  const db = (await readyPods(kc, ns, "component=database"))[0]!.metadata!.name!;
  const psql = inPod(kc, ns, db, "ecommerce-database");
  const course = (f: string) => readFileSync(path.join("course/database", f), "utf8");
  await psql.exec(["psql", "-U", "postgres", "-d", "ecommerce"], course("schema.sql"));
  await psql.exec(["psql", "-U", "postgres", "-d", "ecommerce"], course("seed.sql"));

  const burstStart = performance.now();
  await apps.createNamespacedDeployment({ namespace: ns, body: { metadata: { name: "burst" }, spec: { replicas: 30, selector: { matchLabels: { app: "burst" } },
    template: { metadata: { labels: { app: "burst" } }, spec: { containers: [{ name: "api", image: "ecommerce-backend:v1.0.0" }] } } } } });
  await readyPods(kc, ns, "app=burst", 30, 120_000);
  console.log(`30 backend pods created -> all Ready: ${((performance.now() - burstStart) / 1000).toFixed(2)} s`);
  console.log(`podsim rss with 36 pods: ${rssMiB().toFixed(0)} MiB`);
  await apps.deleteNamespacedDeployment({ name: "burst", namespace: ns });

  const backend = (await readyPods(kc, ns, "component=backend", 3))[0]!.metadata!.name!;
  const forward = unwrap(await openPortForward(kc, { namespace: ns, pod: backend, port: 8000 }));
  const localPort = Number(new URL(forward.url).port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  await get(localPort, "/health", agent);
  const health: number[] = [];
  for (let i = 0; i < requests; i++) health.push(await timed(() => get(localPort, "/health", agent)));
  report("GET /health, one kept-alive port-forward", health);
  const products: number[] = [];
  for (let i = 0; i < requests; i++) products.push(await timed(() => get(localPort, "/api/products", agent)));
  report("GET /api/products (PGlite query), same forward", products);
  const fresh: number[] = [];
  for (let i = 0; i < Math.min(requests, 50); i++) {
    fresh.push(await timed(() => get(localPort, "/health", new http.Agent({ keepAlive: false }))));
  }
  report("GET /health, new connection (new forward stream)", fresh);
  agent.destroy();
  await forward.close();
  const direct: number[] = [];
  for (let i = 0; i < Math.min(requests, 50); i++) {
    direct.push(await timed(async () => {
      const f = unwrap(await openPortForward(kc, { namespace: ns, pod: backend, port: 8000 }));
      await get(Number(new URL(f.url).port), "/health", new http.Agent({ keepAlive: false }));
      await f.close();
    }));
  }
  report("GET /health, local listener + forward set up per request", direct);

  await kc.makeApiClient(NetworkingV1Api).createNamespacedIngress({ namespace: ns, body: { metadata: { name: "bench" }, spec: { rules: [{ host: "bench.local", http: { paths: [
    { path: "/", pathType: "Prefix", backend: { service: { name: "ecommerce-backend-service", port: { number: 8000 } } } }] } }] } } });
  const viaIngress = new http.Agent({ keepAlive: true, maxSockets: 1 });
  while ((await get(ingressPort, "/health", viaIngress, "bench.local").catch(() => 0)) !== 200) await sleep(100);
  const ingressHealth: number[] = [];
  for (let i = 0; i < requests; i++) ingressHealth.push(await timed(() => get(ingressPort, "/health", viaIngress, "bench.local")));
  report("GET /health through the ingress controller (kept alive)", ingressHealth);
  const ingressProducts: number[] = [];
  for (let i = 0; i < requests; i++) ingressProducts.push(await timed(() => get(ingressPort, "/api/products", viaIngress, "bench.local")));
  report("GET /api/products through the ingress controller", ingressProducts);
  viaIngress.destroy();

  const frontend = inPod(kc, ns, (await readyPods(kc, ns, "component=frontend", 2))[0]!.metadata!.name!, "ecommerce-frontend");
  const execCurl: number[] = [];
  for (let i = 0; i < 20; i++) execCurl.push(await timed(() => frontend.exec(["curl", "-fsS", "ecommerce-backend-service:8000/health"])));
  report("exec curl -fsS backend-service/health in the frontend", execCurl);
  const execPsql: number[] = [];
  for (let i = 0; i < 20; i++) execPsql.push(await timed(() => psql.exec(["psql", "-U", "postgres", "-d", "ecommerce", "-tAc", "SELECT count(*) FROM products;"])));
  report("exec psql -tAc 'SELECT count(*) ...' in the database", execPsql);
  const execHost: number[] = [];
  for (let i = 0; i < 20; i++) execHost.push(await timed(() => frontend.exec(["true"])));
  report("exec true (kwok runs it on the host; baseline)", execHost);

  console.log(`podsim rss with the course running, after traffic: ${rssMiB().toFixed(0)} MiB`);
  const cpuBefore = cpuSeconds();
  await sleep(30_000);
  console.log(`podsim CPU while idle for 30 s (course running): ${(cpuSeconds() - cpuBefore).toFixed(2)} s`);
  await sleep(35_000);
  console.log(`podsim rss after its idle PostgreSQL engine closed (65 s idle): ${rssMiB().toFixed(0)} MiB`);
} finally {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
}
