/**
 * Benchmark: "Re-verify all" against the guide's read-only kubectl commands run one after another, on
 * the same cluster and namespace. Prints numbers; asserts nothing.
 *
 * It applies Days 1–16 through the engine into a fresh namespace (a few minutes), verifies each step,
 * then times Re-verify all (ROUNDS, default 10) and the kubectl commands (3 rounds), counts the API
 * requests of one re-verify, and what an open, idle step page asks of the cluster in a minute.
 *
 *   npm run cluster:up
 *   NODE_OPTIONS=--conditions=react-server node_modules/.bin/tsx scripts/bench/reverify.ts [rounds=10]
 *
 * DAYBOOK_CLUSTER_RUN picks the local control plane (default /tmp/daybook-cluster); DAYBOOK_WORKER_CONCURRENCY the worker's.
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { baselineCommands, type BaselineCommand } from "./kubectl-baseline";

const rounds = Number(process.argv[2] ?? 10);
const run = process.env.DAYBOOK_CLUSTER_RUN ?? "/tmp/daybook-cluster";
const kubeconfig = path.join(run, "kubeconfig");
if (!fs.existsSync(kubeconfig)) throw new Error(`no local control plane at ${run} (npm run cluster:up)`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-bench-reverify-"));
const requestLog = path.join(work, "requests.log");
// The set-up runs the performance tests of Days 10 and 15 at a hundredth of their length; re-verify all only judges them.
Object.assign(process.env, { DAYBOOK_DATA_DIR: path.join(work, "data"), DAYBOOK_CLUSTER_RUN: run, DAYBOOK_K8S_REQUEST_LOG: requestLog, DATABASE_URL: "", DAYBOOK_TIME_SCALE: process.env.DAYBOOK_TIME_SCALE ?? "0.01" });

// Imported after the environment is set: the request log and the database read it at load.
const { bootstrap } = await import("@/lib/db/bootstrap");
const { getDb } = await import("@/lib/db/prisma");
const { readActor } = await import("@/lib/auth/actor");
const { connectTeamCluster, updateClusterSettings } = await import("@/lib/data/clusters");
const { getStepEngine, reverifyAll } = await import("@/lib/data/runs");
const { allSteps, loadCourse } = await import("@/lib/course/load");
const { doStep, verify } = await import("@/tests/integration/course/self-test");
const { startWorker } = await import("@/lib/queue/worker");
const { workerSettings } = await import("@/lib/queue/settings");

const namespace = `bench-${Date.now().toString(36)}`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => `${Math.round(x)} ms`;
const requestsSince = (at: number) => (fs.existsSync(requestLog) ? fs.readFileSync(requestLog, "utf8").split("\n").filter((l) => l && Number(l.split(" ")[0]) >= at) : []);

await bootstrap();
const db = await getDb();
// The worker a server runs (DAYBOOK_WORKER_CONCURRENCY, default 4): re-verify all's steps queue behind it.
const settings = workerSettings();
const worker = await startWorker(settings)!;
console.log(`worker: concurrency ${settings.concurrency}, poll ${settings.pollMs} ms`);
const actor = (await readActor(db, { email: "alice@daybook.local" }))!;
const teamId = actor.teamId!;
const ingress = /^DAYBOOK_INGRESS_URL=(\S+)/m.exec(fs.readFileSync(path.join(run, "env"), "utf8"))?.[1] ?? null;
await connectTeamCluster(actor, { source: "local", teamId });
await updateClusterSettings(actor, { teamId, namespace, registry: "", mirrorPublic: false, productionUrl: ingress, monitoringUrl: ingress, productionHost: ingress ? "ecommerce.company.com" : null, monitoringHost: ingress ? "monitoring.company.com" : null });

const steps = allSteps(loadCourse()).filter((s) => Number(s.number.split(".")[0]) <= 16);
console.log(`applying Days 1–16 (${steps.length} steps) into namespace ${namespace}…`);
const setupStart = performance.now();
for (const step of steps) {
  const problems = await doStep(teamId, step);
  if (problems.length) console.log(`  ${step.number}: ${problems.join("; ")}`);
  await verify(teamId, step);
}
const verified = await db.stepProgress.findMany({ where: { teamId, status: "VERIFIED" }, select: { stepId: true } });
console.log(`set-up: ${Math.round((performance.now() - setupStart) / 1000)} s; ${verified.length} steps verified`);

// Daybook: Re-verify all, `rounds` times.
const batches: number[] = [];
const perStep: number[] = [];
let requestsPerReverify = 0;
let checksPerReverify = 0;
for (let i = 0; i < rounds; i++) {
  const at = Date.now();
  const started = performance.now();
  const { batchId, done } = await reverifyAll(actor, teamId);
  await done;
  batches.push(performance.now() - started);
  const runs = await db.run.findMany({ where: { batchId }, select: { stepId: true, durationMs: true, status: true, results: true } });
  perStep.push(...runs.map((r) => r.durationMs ?? 0));
  if (i === 0) {
    requestsPerReverify = requestsSince(at).length;
    checksPerReverify = runs.reduce((n, r) => n + ((r.results as { checks?: unknown[] }).checks?.length ?? 0), 0);
    const notPassed = runs.filter((r) => r.status !== "PASSED");
    console.log(`re-verify all: ${runs.length} steps, ${checksPerReverify} checks, ${requestsPerReverify} API requests${notPassed.length ? `, ${notPassed.length} runs not passed:` : ""}`);
    // Where a re-verify's time goes: each check kind's slowest check (they run in parallel within a step).
    const byKind = new Map<string, number[]>();
    for (const r of runs) for (const c of (r.results as { checks?: { kind: string; durationMs: number }[] }).checks ?? []) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c.durationMs]);
    const kinds = [...byKind].map(([kind, d]) => ({ kind, n: d.length, max: Math.max(...d), p50: pct(d, 0.5) })).sort((a, b) => b.max - a.max);
    for (const k of kinds.slice(0, 8)) console.log(`  ${k.kind.padEnd(22)} ${String(k.n).padStart(3)} checks  p50=${ms(k.p50)}  max=${ms(k.max)}`);
    // A suite takes as long as its slowest check.
    for (const r of runs) for (const c of (r.results as { checks?: { kind: string; checkId: string; durationMs: number; children?: { checkId: string; durationMs: number; status: string }[] }[] }).checks ?? []) {
      if (c.children) console.log(`  ${r.stepId} ${c.checkId} ${ms(c.durationMs)}: slowest ${[...c.children].sort((a, b) => b.durationMs - a.durationMs).slice(0, 4).map((k) => `${k.checkId} ${ms(k.durationMs)} ${k.status}`).join(", ")}`);
    }
    // Checks (or a suite's children) that waited for the cluster to settle: what each try saw.
    type Settled = { checkId: string; durationMs: number; settle?: { attempts: { atMs: number; status: string; actual: string }[] }; children?: Settled[] };
    const settled = (c: Settled, at: string): string[] => [
      ...(c.settle && c.settle.attempts.length > 1 ? [`  settled ${at}${c.checkId} after ${ms(c.durationMs)}: ${c.settle.attempts.map((a) => `+${a.atMs} ms ${a.status} (${a.actual.slice(0, 80)})`).join("; ")}`] : []),
      ...(c.children ?? []).flatMap((child) => settled(child, `${at}${c.checkId}/`)),
    ];
    for (const r of runs) for (const c of (r.results as { checks?: Settled[] }).checks ?? []) for (const line of settled(c, `${r.stepId} `)) console.log(line);
    for (const r of notPassed) {
      const checks = ((r.results as { checks?: { checkId: string; status: string; actual: string }[] }).checks ?? []).filter((c) => c.status !== "pass");
      console.log(`  ${r.stepId} ${r.status}: ${checks.map((c) => `${c.checkId}=${c.status} (${c.actual})`).join("; ")}`);
    }
  }
}

// The same without the steps whose suite proves a NetworkPolicy drop: the guide's run-tests.sh waits out
// curl --max-time 5 for it, and so does Daybook, so those steps cannot take less than 5 s.
const { enqueueBatch } = await import("@/lib/runs/batch");
const { waitForBatch } = await import("@/lib/runs/wait");
const { readSuites, resolveSuite } = await import("@/lib/checks/suites");
const { defaultCourseDir } = await import("@/lib/course/load");
const suites = readSuites(defaultCourseDir());
const provesDrop = (s: (typeof steps)[number]) =>
  s.checks.some((c) => c.kind === "networkBlocked" || (c.kind === "validationSuite" && resolveSuite(suites, c.suite, c.args).some((r) => r.check.kind === "networkBlocked")));
const quickSteps = steps.filter((s) => verified.some((v) => v.stepId === s.id) && s.checks.some((c) => c.kind !== "manual") && !provesDrop(s));
// Where those batches' time goes: CPU seconds of Daybook and of each control-plane process (with the children it
// waited for, such as the tools kwok's exec starts), against the wall time on two cores.
const clusterProcesses = fs.readdirSync(path.join(run, "pids")).filter((f) => f.endsWith(".pid")).map((f) => ({ name: f.slice(0, -4), pid: Number(fs.readFileSync(path.join(run, "pids", f), "utf8")) }));
const cpuOf = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return [11, 12, 13, 14].reduce((n, i) => n + Number(fields[i]), 0) / 100;
};
const cpuNow = () => new Map([["daybook", (process.cpuUsage().user + process.cpuUsage().system) / 1e6], ...clusterProcesses.map((p) => [p.name, cpuOf(p.pid)] as const)]);
// BENCH_PROFILE=<file.cpuprofile> writes a V8 CPU profile of Daybook over those batches (scripts/bench/profile-summary.mjs).
const { Session } = await import("node:inspector/promises");
const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
const quick: number[] = [];
const cpuBefore = cpuNow();
for (let i = 0; i < rounds; i++) {
  const started = performance.now();
  await waitForBatch(await enqueueBatch(teamId, quickSteps, actor.id));
  quick.push(performance.now() - started);
}
const cpuAfter = cpuNow();
if (profiler) fs.writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((await profiler.post("Profiler.stop")).profile));
const cpuPerBatch = [...cpuAfter].map(([name, t]) => ({ name, s: (t - cpuBefore.get(name)!) / rounds })).sort((a, b) => b.s - a.s);

// The guide's read-only commands, one after another, as a person re-checking would run them.
const pods = JSON.parse((await promisify(execFile)("kubectl", ["--kubeconfig", kubeconfig, "get", "pods", "-n", namespace, "-l", "app=ecommerce,component=backend", "-o", "json"])).stdout) as { items: { metadata: { name: string } }[] };
const commands = baselineCommands(steps.filter((s) => verified.some((v) => v.stepId === s.id)), namespace, () => pods.items[0]!.metadata.name);

const courseDir = defaultCourseDir();
const scriptFailures = new Set<string>();
// The scripts' service-proxy GETs become a port-forward and a curl (baseline-bin/kubectl says why).
const scriptEnv = { ...process.env, KUBECONFIG: kubeconfig, DAYBOOK_BASELINE_KUBECTL: (await promisify(execFile)("bash", ["-c", "command -v kubectl"])).stdout.trim(), PATH: `${path.resolve("scripts/bench/baseline-bin")}:${process.env.PATH}` };
async function runBaseline(c: BaselineCommand): Promise<void> {
  if ("script" in c) {
    await promisify(execFile)("bash", [path.join(courseDir, c.script), ...c.args], { env: scriptEnv, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }).catch((e: { stdout?: string }) => {
      scriptFailures.add(`${c.script} ${c.args.join(" ")}: ${(e.stdout ?? "").split("\n").filter((l) => l.includes("FAIL")).join("; ")}`);
    });
    return;
  }
  if ("argv" in c) {
    await promisify(execFile)("kubectl", ["--kubeconfig", kubeconfig, ...c.argv], { maxBuffer: 16 * 1024 * 1024 }).catch(() => undefined);
    return;
  }
  const child = spawn("kubectl", ["--kubeconfig", kubeconfig, ...c.forward], { stdio: ["ignore", "pipe", "ignore"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (b: Buffer) => {
      const m = /127\.0\.0\.1:(\d+)/.exec(b.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", () => reject(new Error(`kubectl ${c.forward.join(" ")} exited`)));
  });
  for (const p of c.paths) await fetch(`http://127.0.0.1:${port}${p}`).then((r) => r.text()).catch(() => undefined);
  child.kill();
}

// Timed per command, so the steps Re-verify all leaves out in the second series are left out of its baseline too.
const baseline: number[] = [];
const quickBaseline: number[] = [];
const dropNumbers = new Set(steps.filter((s) => provesDrop(s)).map((s) => s.number));
for (let i = 0; i < 3; i++) {
  let all = 0;
  let quickOnly = 0;
  for (const c of commands) {
    const started = performance.now();
    await runBaseline(c);
    const took = performance.now() - started;
    all += took;
    if (!dropNumbers.has(c.step)) quickOnly += took;
  }
  baseline.push(all);
  quickBaseline.push(quickOnly);
}

// An open step page that sits idle: the engine state it polls (every 15 s when nothing runs) for a minute.
const idleAt = Date.now();
for (let i = 0; i < 4; i++) await getStepEngine(actor, teamId, "d03-s1");
const idleRequests = requestsSince(idleAt).length;

console.log("");
console.log(`kubectl, ${commands.length} read-only commands in sequence  p50=${ms(pct(baseline, 0.5))}  (3 rounds; ${commands.filter((c) => "script" in c).length} of them the course's validation scripts)`);
for (const f of scriptFailures) console.log(`  a validation script failed in the baseline: ${f}`);
console.log(`Daybook re-verify all (${verified.length} steps)         p50=${ms(pct(batches, 0.5))}  p95=${ms(pct(batches, 0.95))}  max=${ms(Math.max(...batches))}  (${rounds} rounds)`);
console.log(`  one step's run within it                   p50=${ms(pct(perStep, 0.5))}  p95=${ms(pct(perStep, 0.95))}`);
console.log(`ratio kubectl / Daybook (p50)                ${(pct(baseline, 0.5) / pct(batches, 0.5)).toFixed(1)}×`);
console.log(`Daybook without the drop proofs (${quickSteps.length} steps, ${[...dropNumbers].join(", ")} left out)  p50=${ms(pct(quick, 0.5))}  p95=${ms(pct(quick, 0.95))}`);
console.log(`  kubectl for the same steps  p50=${ms(pct(quickBaseline, 0.5))}; ratio ${(pct(quickBaseline, 0.5) / pct(quick, 0.5)).toFixed(1)}×`);
console.log(`  CPU per batch: ${cpuPerBatch.filter((c) => c.s >= 0.005).map((c) => `${c.name} ${c.s.toFixed(2)} s`).join(", ")}; total ${cpuPerBatch.reduce((n, c) => n + c.s, 0).toFixed(2)} s in ${(pct(quick, 0.5) / 1000).toFixed(2)} s on ${os.cpus().length} cores`);
console.log(`API requests per re-verify all               ${requestsPerReverify} (${checksPerReverify} checks)`);
console.log(`API requests per minute, idle step page      ${idleRequests}`);

await promisify(execFile)("kubectl", ["--kubeconfig", kubeconfig, "delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
await worker.stop();
await db.$disconnect();
fs.rmSync(work, { recursive: true, force: true });
process.exit(0);
