/**
 * Benchmark: what one Daybook process drives in a performance test, through port-forwards to the local
 * control plane's podsim pods (every connection a WebSocket through the API server). For each
 * concurrency it loads the backend's /api/products (3 pods) and the frontend's / (2 pods) for SECONDS
 * and prints requests per second, latency percentiles, errors, the connections open at once, and this
 * process's CPU and memory. Prints numbers; asserts nothing.
 *
 *   npm run cluster:up
 *   NODE_OPTIONS=--conditions=react-server node_modules/.bin/tsx scripts/bench/load-test.ts [seconds=10] [concurrencies=10,50,100,200]
 *
 * DAYBOOK_CLUSTER_RUN picks the local control plane (default /tmp/daybook-cluster).
 */
import fs from "node:fs";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { clusterReads } from "@/lib/checks/reads";
import { failure } from "@/lib/k8s/result";
import { runLoadTests } from "@/lib/load/run-load";
import type { LoadTargetSpec } from "@/lib/load/types";
import { applyCourseFiles, inPod, readyPods } from "@/tests/integration/support/course-workload";

const seconds = Number(process.argv[2] ?? 10);
const concurrencies = (process.argv[3] ?? "10,50,100,200").split(",").map(Number);
const run = process.env.DAYBOOK_CLUSTER_RUN ?? "/tmp/daybook-cluster";
const kc = new KubeConfig();
kc.loadFromFile(path.join(run, "kubeconfig"));
const namespace = `bench-load-${Date.now().toString(36)}`;
const team = { namespace, images: {}, urls: {} };
const reads = () => clusterReads(kc, { team, fetchUrl: async () => failure("unsupported", "none") });

await applyCourseFiles(kc, namespace, ["k8s-manifests/01-namespace.yaml", "k8s-manifests/02-configmaps.yaml", "k8s-manifests/03-secrets.yaml", "k8s-manifests/04-deployments.yaml", "k8s-manifests/05-services.yaml"]);
await readyPods(kc, namespace, "component=backend", 3);
await readyPods(kc, namespace, "component=frontend", 2);
const db = (await readyPods(kc, namespace, "component=database"))[0]!.metadata!.name!;
const schema = fs.readFileSync(path.join(import.meta.dirname, "../../course/database/schema.sql"), "utf8");
await inPod(kc, namespace, db, "ecommerce-database").exec(["psql", "-U", "postgres", "-d", "ecommerce"], `${schema}\nINSERT INTO products (name, price) VALUES ('Laptop', 999.99), ('Mouse', 29.99);`);

const spec = (service: string, port: number, p: string, concurrency: number): LoadTargetSpec => ({ checkId: service, title: service, namespace, service, port, path: p, expectStatus: 200, durationSeconds: seconds, concurrency, thresholds: { maxErrorRate: 0.01, maxP95LatencyMs: 1000 } });

console.log(`load through port-forwards, ${seconds} s per row (one Daybook process; CPU = this process's user+system time / wall time)`);
console.log("target                conns  req/s    p50 ms  p95 ms  p99 ms  errors  open at once  answered  cpu    rss");
try {
  for (const c of concurrencies) {
    for (const [service, port, p] of [["ecommerce-backend-service", 8000, "/api/products"], ["ecommerce-frontend-service", 3000, "/"]] as const) {
      const cpu = process.cpuUsage();
      const started = Date.now();
      const state = await runLoadTests(kc, reads(), [spec(service, port, p, c)], { timeScale: 1 });
      const used = process.cpuUsage(cpu);
      const t = state.targets[0]!;
      const cpuShare = (used.user + used.system) / 1000 / (Date.now() - started);
      console.log(
        `${`${service.replace("ecommerce-", "").replace("-service", "")} ${p}`.padEnd(22)}${String(c).padEnd(7)}${String(t.totals.requestsPerSecond).padEnd(9)}${String(t.latency.p50).padEnd(8)}${String(t.latency.p95).padEnd(8)}${String(t.latency.p99).padEnd(8)}${`${(t.totals.errorRate * 100).toFixed(1)}%`.padEnd(8)}${String(t.connections.peakOpen).padEnd(14)}${String(t.connections.answered).padEnd(10)}${`${Math.round(cpuShare * 100)}%`.padEnd(7)}${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
      );
    }
  }
} finally {
  await kc.makeApiClient((await import("@kubernetes/client-node")).CoreV1Api).deleteNamespace({ name: namespace }).catch(() => undefined);
}
