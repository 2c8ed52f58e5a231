/**
 * Benchmark: what one open step page's live state costs a team's cluster, and how fast it follows a change.
 * Prints numbers; asserts nothing.
 *
 * It applies Days 1.2 to 3.1 (quota, configuration, the backend Deployment and Service) into a fresh namespace, opens the step's live
 * state as the page's stream does, leaves it idle for IDLE seconds (default 60) and counts, from the request
 * log, the requests and watches sent meanwhile. Then it deletes and re-applies the Service CHANGES times
 * (default 20) through lib/k8s and times each change to the live state that shows it.
 *
 *   npm run cluster:up
 *   NODE_OPTIONS=--conditions=react-server node_modules/.bin/tsx scripts/bench/live.ts [idle seconds=60] [changes=20]
 *
 * DAYBOOK_CLUSTER_RUN picks the local control plane (default /tmp/daybook-cluster).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LiveSnapshot } from "@/lib/live/types";

const idleSeconds = Number(process.argv[2] ?? 60);
const changes = Number(process.argv[3] ?? 20);
const run = process.env.DAYBOOK_CLUSTER_RUN ?? "/tmp/daybook-cluster";
if (!fs.existsSync(path.join(run, "kubeconfig"))) throw new Error(`no local control plane at ${run} (npm run cluster:up)`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-bench-live-"));
const requestLog = path.join(work, "requests.log");
Object.assign(process.env, { DAYBOOK_DATA_DIR: path.join(work, "data"), DAYBOOK_CLUSTER_RUN: run, DAYBOOK_K8S_REQUEST_LOG: requestLog, DATABASE_URL: "" });

// Imported after the environment is set: the request log and the database read it at load.
const { bootstrap } = await import("@/lib/db/bootstrap");
const { getDb } = await import("@/lib/db/prisma");
const { readActor } = await import("@/lib/auth/actor");
const { connectTeamCluster, updateClusterSettings } = await import("@/lib/data/clusters");
const { findStep, loadCourse } = await import("@/lib/course/load");
const { applyObjects } = await import("@/lib/k8s/apply");
const { deleteObject } = await import("@/lib/k8s/mutate");
const { openTeamConnection } = await import("@/lib/runs/connection");
const { objectsForStep } = await import("@/lib/runs/objects-for-step");
const { liveHubs } = await import("@/lib/live/cluster");
const { GRACE_MS } = await import("@/lib/live/hubs");
const { liveSummary } = await import("@/lib/live/summary");
const { subscribeLiveState } = await import("@/lib/live/subscribe");

const namespace = `bench-live-${Date.now().toString(36)}`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const logLines = (from: number, to: number) =>
  (fs.existsSync(requestLog) ? fs.readFileSync(requestLog, "utf8").split("\n") : []).filter(Boolean).map((l) => l.split(" ")).filter(([at]) => Number(at) >= from && Number(at) < to);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await bootstrap();
const db = await getDb();
const actor = (await readActor(db, { email: "alice@daybook.local" }))!;
const teamId = actor.teamId!;
await connectTeamCluster(actor, { source: "local", teamId });
await updateClusterSettings(actor, { teamId, namespace, registry: "", mirrorPublic: false, productionUrl: null, monitoringUrl: null, productionHost: null, monitoringHost: null });
const opened = await openTeamConnection(teamId);
if (!opened.ok) throw new Error(opened.message);
const conn = opened.value;
const course = loadCourse();
const step = findStep(course, "d03-s1")!;
// The backend's pods start only with the configuration and Secrets of Day 2 in place.
const before = await Promise.all(["d01-s2", "d02-s1", "d02-s2"].map((id) => objectsForStep(findStep(course, id)!, conn)));
const objects = await objectsForStep(step, conn);
const service = objects.find((o) => o.kind === "Service" && o.metadata.name === "ecommerce-backend-service")!;
const setup = await applyObjects(conn.kc, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }, ...before.flat(), ...objects], {});
const failed = setup.filter((o) => o.failure);
if (failed.length) throw new Error(failed.map((o) => `${o.ref}: ${o.failure!.message}`).join("\n"));
console.log(`Steps 1.2–${step.number} applied into namespace ${namespace}`);

let latest: LiveSnapshot | undefined;
const waiters = new Set<() => void>();
const leave = await subscribeLiveState(actor, teamId, step.id, (s) => {
  latest = s;
  for (const w of waiters) w();
});
const serviceState = () => latest?.checks.find((c) => c.checkId === "backend-service")?.state;
function until(state: string, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (waiters.delete(check), reject(new Error(`the live state did not show the Service ${state} in ${timeoutMs} ms`))), timeoutMs);
    const check = () => {
      if (serviceState() !== state) return;
      clearTimeout(timer);
      waiters.delete(check);
      resolve(performance.now());
    };
    waiters.add(check);
    check();
  });
}
await until("pass");
// The pods of a fresh Deployment become Ready over a few seconds; the idle minute starts once they have.
for (let i = 0; i < 60 && latest?.checks.some((c) => c.state === "fail"); i++) await sleep(1000);
console.log(`live state: ${liveSummary(latest!).text}`);

const idleFrom = Date.now();
await sleep(idleSeconds * 1000);
const idle = logLines(idleFrom, Date.now());
const watches = await liveHubs().watchCount(teamId);
const idleRequests = idle.filter(([, method]) => method !== "WATCH").length;
const idleWatches = idle.filter(([, method]) => method === "WATCH").length;
console.log(`watches open: ${watches}`);
console.log(`idle ${idleSeconds} s: ${idleRequests} API requests (${((idleRequests * 60) / idleSeconds).toFixed(1)} a minute), ${idleWatches} watch requests (re-watches)`);

const latencies: number[] = [];
const changeFrom = Date.now();
for (let i = 0; i < changes; i++) {
  const started = performance.now();
  if (i % 2 === 0) {
    const deleted = await deleteObject(conn.kc, { apiVersion: "v1", kind: "Service", name: service.metadata.name, namespace });
    if (!deleted.ok) throw new Error(deleted.message);
    latencies.push((await until("fail")) - started);
  } else {
    const [applied] = await applyObjects(conn.kc, [service], {});
    if (applied?.failure) throw new Error(applied.failure.message);
    latencies.push((await until("pass")) - started);
  }
}
const changeRequests = logLines(changeFrom, Date.now());
console.log(`change → live state over ${changes} changes (delete/apply of a Service): p50 ${Math.round(pct(latencies, 0.5))} ms, p95 ${Math.round(pct(latencies, 0.95))} ms, max ${Math.round(Math.max(...latencies))} ms`);
console.log(`requests while changing (the changes themselves included): ${changeRequests.filter(([, m]) => m !== "WATCH").length}, watch requests: ${changeRequests.filter(([, m]) => m === "WATCH").length}`);

leave();
const leftAt = Date.now();
while ((await liveHubs().watchCount(teamId)) > 0) await sleep(250);
console.log(`watches closed ${((Date.now() - leftAt) / 1000).toFixed(1)} s after the last viewer left (grace ${GRACE_MS / 1000} s)`);

await deleteObject(conn.kc, { apiVersion: "v1", kind: "Namespace", name: namespace });
conn.kc.close();
process.exit(0);
