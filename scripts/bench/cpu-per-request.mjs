// Benchmark: server CPU time per request for the main pages, sequentially, read from /proc (user + system
// time of the server process and its children). Other load on the machine hardly moves it, unlike latency.
// Prints numbers; asserts nothing. {team} in a path is the student's team id.
// With DB_PID (a PostgreSQL server's postmaster, serving nothing else meanwhile), also the database's CPU per request,
// which the server process's own time leaves out.
// Usage: BASE_URL=… SERVER_PID=<pid of next start> [DB_PID=…] [BENCH_PATHS=/a,/b] node scripts/bench/cpu-per-request.mjs [requests=200]
import { cpuMs } from "./proc-cpu.mjs";
import { signIn, teamIdOf } from "./sign-in.mjs";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base)) throw new Error("BASE_URL must be a loopback address");
const pid = Number(process.env.SERVER_PID);
if (!pid) throw new Error("SERVER_PID is required (the pid of `next start`)");
const total = Number(process.argv[2] ?? 200);
const dbPid = Number(process.env.DB_PID);

const cookie = await signIn(base, process.env.BENCH_EMAIL ?? "alice@daybook.local", process.env.BENCH_PASSWORD ?? "daybook-demo");
const paths = process.env.BENCH_PATHS?.split(",") ?? ["/plan", "/plan/day/3", "/plan/step/d03-s1", "/plan/troubleshooting", "/login"];
const teamId = paths.some((p) => p.includes("{team}")) ? await teamIdOf(base, cookie) : "";
for (const path of paths.map((p) => p.replace("{team}", teamId))) {
  const headers = path === "/login" ? {} : { cookie, "accept-encoding": "gzip" };
  for (let i = 0; i < 200; i++) await (await fetch(`${base}${path}`, { headers, redirect: "manual" })).arrayBuffer();
  const before = cpuMs(pid);
  const dbBefore = dbPid ? cpuMs(dbPid) : 0;
  let bytes = 0;
  let errors = 0;
  for (let i = 0; i < total; i++) {
    const res = await fetch(`${base}${path}`, { headers, redirect: "manual" });
    bytes += (await res.arrayBuffer()).byteLength;
    if (res.status !== 200) errors++;
  }
  const db = dbPid ? `  database cpu=${((cpuMs(dbPid) - dbBefore) / total).toFixed(2)} ms/request` : "";
  console.log(`${path.padEnd(26)} n=${total}  cpu=${((cpuMs(pid) - before) / total).toFixed(2)} ms/request${db}  body=${(bytes / total / 1024).toFixed(1)} KB  errors=${errors}`);
}
