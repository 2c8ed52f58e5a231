/**
 * Benchmark: N teams (10, 50, 100) start a verification at the same moment; workers take them off the
 * queue. For one worker inside the web server (npm start), one worker process and two, it prints the
 * queue latency (enqueued → a worker started it) p50/p95, how long one run took on its worker (p50), jobs per second, and the web's /plan p95
 * while the workers are busy (against its p95 when idle). Prints numbers; asserts nothing.
 *
 *   npm run cluster:up && NEXT_DIST_DIR=.next-bench npx next build
 *   DAYBOOK_BENCH_PG=postgresql://postgres@127.0.0.1:5432/postgres NEXT_DIST_DIR=.next-bench \
 *     node --conditions=react-server --import tsx scripts/bench/queue.ts [teams=10,50,100] [configs=in-web,1,2]
 *
 * It creates (and drops) its own database on DAYBOOK_BENCH_PG (default DAYBOOK_TEST_DATABASE_URL).
 * DAYBOOK_CLUSTER_RUN picks the local control plane (default /tmp/daybook-cluster); BENCH_PORT the web's port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
// @ts-expect-error: a plain .mjs helper shared with the other HTTP benchmarks.
import { signIn as signInUntyped } from "./sign-in.mjs";

const signIn = signInUntyped as (base: string, email: string) => Promise<string>;

const teamCounts = (process.argv[2] ?? "10,50,100").split(",").map(Number);
const configs = (process.argv[3] ?? "in-web,1,2").split(",");
const server = process.env.DAYBOOK_BENCH_PG ?? process.env.DAYBOOK_TEST_DATABASE_URL;
if (!server) throw new Error("set DAYBOOK_BENCH_PG to a PostgreSQL server the benchmark may create a database on");
const run = process.env.DAYBOOK_CLUSTER_RUN ?? "/tmp/daybook-cluster";
const kubeconfig = path.join(run, "kubeconfig");
if (!fs.existsSync(kubeconfig)) throw new Error(`no local control plane at ${run} (npm run cluster:up)`);
const port = Number(process.env.BENCH_PORT ?? 3390);
const base = `http://127.0.0.1:${port}`;
const root = path.resolve(import.meta.dirname, "../..");

const name = `daybook_bench_queue_${Date.now()}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const apiHost = new URL(/server:\s*(\S+)/.exec(fs.readFileSync(kubeconfig, "utf8"))![1]!).host;
const shared = { DATABASE_URL: url.toString(), DAYBOOK_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"), DAYBOOK_CLUSTER_ALLOW: apiHost, DAYBOOK_CLUSTER_RUN: run, DAYBOOK_DATA_DIR: fs.mkdtempSync("/tmp/daybook-bench-queue-"), DAYBOOK_LISTEN_HOST: "127.0.0.1" };
Object.assign(process.env, shared);

const { bootstrap } = await import("@/lib/db/bootstrap");
const { getDb } = await import("@/lib/db/prisma");
const { readActor } = await import("@/lib/auth/actor");
const { connectTeamCluster } = await import("@/lib/data/clusters");
const { findStep, loadCourse } = await import("@/lib/course/load");
const { launchRun } = await import("@/lib/runs/launch");
const { stopBoss } = await import("@/lib/queue/boss");

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]! : NaN);
const ms = (x: number) => `${Math.round(x)} ms`;

await bootstrap();
const db = await getDb();
const cohort = await db.cohort.findFirstOrThrow();
const maxTeams = Math.max(...teamCounts);
console.log(`connecting ${maxTeams} teams to the local control plane…`);
const teams: string[] = [];
for (let i = 0; i < maxTeams; i++) {
  const team = await db.team.create({ data: { cohortId: cohort.id, name: `Bench team ${i}`, joinCode: crypto.randomBytes(8).toString("hex"), joinCodeExpiresAt: new Date(Date.now() + 86_400_000) } });
  const user = await db.user.create({ data: { email: `bench-${i}@daybook.local`, name: `Bench ${i}`, role: "STUDENT", passwordHash: "x", membership: { create: { teamId: team.id } } } });
  await connectTeamCluster((await readActor(db, { id: user.id }))!, { source: "local", teamId: team.id });
  teams.push(team.id);
}
const step = findStep(loadCourse(), "d01-s1")!;

const children = new Set<ChildProcess>();
// A failed benchmark must not leave its web server and workers running.
process.on("exit", () => children.forEach((child) => child.kill("SIGKILL")));

function spawnLogged(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...shared, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}: ${out.slice(-2000)}`)));
  });
}
const stop = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.on("exit", () => resolve()), child.kill("SIGTERM"))));

async function web(workerConcurrency: number) {
  const child = await spawnLogged(["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], { DAYBOOK_WORKER_CONCURRENCY: String(workerConcurrency), NEXT_MANUAL_SIG_HANDLE: "1", AUTH_URL: base, DAYBOOK_LISTEN_HOST: "127.0.0.1" }, /Ready in|started server/i);
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${base}/login`).catch(() => null))?.ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

/** GETs /plan one after another from two clients until stopped; returns the latencies. */
function samplePages(cookie: string) {
  const samples: number[] = [];
  let going = true;
  const loops = [0, 1].map(async () => {
    while (going) {
      const t = performance.now();
      const res = await fetch(`${base}/plan`, { headers: { cookie }, redirect: "manual" });
      await res.arrayBuffer();
      samples.push(performance.now() - t);
    }
  });
  return async () => {
    going = false;
    await Promise.all(loops);
    return samples;
  };
}

console.log(`load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (${os.cpus().length} cores)`);
console.log("config         teams  enqueue   latency p50   p95      run p50   jobs/s   /plan p95 busy (idle)");
for (const config of configs) {
  const inWeb = config === "in-web";
  const webServer = await web(inWeb ? 4 : 0);
  const workers = inWeb ? [] : await Promise.all(Array.from({ length: Number(config) }, () => spawnLogged(["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {}, /ready/)));
  const cookie = await signIn(base, "alice@daybook.local");
  const idle = await (async () => {
    const done = samplePages(cookie);
    await new Promise((r) => setTimeout(r, 3000));
    return pct(await done(), 0.95);
  })();
  for (const n of teamCounts) {
    const sampling = samplePages(cookie);
    const t0 = performance.now();
    const launched = await Promise.all(teams.slice(0, n).map((teamId) => launchRun({ teamId, step, kind: "VERIFY", actorId: null })));
    const enqueueMs = performance.now() - t0;
    // One query for all of them (awaiting each run's `done` would poll once per run).
    while ((await db.run.count({ where: { id: { in: launched.map((l) => l.runId) }, status: "RUNNING" } })) > 0) await new Promise((r) => setTimeout(r, 200));
    const pages = await sampling();
    const runs = await db.run.findMany({ where: { id: { in: launched.map((l) => l.runId) } }, select: { startedAt: true, workStartedAt: true, finishedAt: true, status: true } });
    const latency = runs.map((r) => r.workStartedAt!.getTime() - r.startedAt.getTime());
    const work = runs.map((r) => r.finishedAt!.getTime() - r.workStartedAt!.getTime());
    const first = Math.min(...runs.map((r) => r.startedAt.getTime()));
    const last = Math.max(...runs.map((r) => r.finishedAt!.getTime()));
    const notPassed = runs.filter((r) => r.status !== "PASSED").length;
    const label = inWeb ? "1 in web" : `${config} process${config === "1" ? "" : "es"}`;
    console.log(`${label.padEnd(14)} ${String(n).padStart(5)}  ${ms(enqueueMs).padStart(7)}   ${ms(pct(latency, 0.5)).padStart(8)}  ${ms(pct(latency, 0.95)).padStart(8)}  ${ms(pct(work, 0.5)).padStart(7)}  ${(n / ((last - first) / 1000)).toFixed(1).padStart(6)}   ${ms(pct(pages, 0.95))} (${ms(idle)}), n=${pages.length}${notPassed ? `  [${notPassed} not passed]` : ""}  load ${os.loadavg()[0]!.toFixed(1)}`);
  }
  await Promise.all(workers.map(stop));
  await stop(webServer);
}

await stopBoss();
await db.$disconnect();
await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.end();
fs.rmSync(shared.DAYBOOK_DATA_DIR, { recursive: true, force: true });
process.exit(0);
