// Counts the SQL statements each page costs, from PostgreSQL's statement log: the server's database must log
// them (ALTER DATABASE <db> SET log_statement = 'all', before `next start`) with %d in log_line_prefix.
// Each path is requested `rounds` times one after another; statements of the job queue and the worker's
// heartbeat (which run on their own clock) are left out. Prints numbers; asserts nothing.
// Usage: BASE_URL=… PG_LOG=<server log> PG_DB=<database> [BENCH_PATHS=/a,/b] [SHOW=1] node scripts/bench/count-queries.mjs [rounds=5]
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { signIn, teamIdOf } from "./sign-in.mjs";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base)) throw new Error("BASE_URL must be a loopback address");
const log = process.env.PG_LOG;
const db = process.env.PG_DB;
if (!log || !db) throw new Error("PG_LOG and PG_DB are required");
const rounds = Number(process.argv[2] ?? 5);

const background = /pgboss|"Worker"|FROM "Worker"|pg_advisory/;
const statement = new RegExp(` ${db} LOG:  (statement|execute [^:]*): (.*)$`, "s");
const size = () => fs.statSync(log).size;
const readFrom = (offset) => {
  const fd = fs.openSync(log, "r");
  const buffer = Buffer.alloc(size() - offset);
  fs.readSync(fd, buffer, 0, buffer.length, offset);
  fs.closeSync(fd);
  return buffer.toString("utf8");
};
// The log is written by another process: wait until it stops growing.
async function settled() {
  let last = -1;
  while (size() !== last) {
    last = size();
    await sleep(300);
  }
}

const cookie = await signIn(base, process.env.BENCH_EMAIL ?? "alice@daybook.local", process.env.BENCH_PASSWORD ?? "daybook-demo");
const paths = process.env.BENCH_PATHS?.split(",") ?? ["/plan", "/plan/day/3", "/plan/step/d03-s1", "/plan/troubleshooting", "/api/teams/{team}/steps/d03-s1/state", "/api/teams/{team}/steps/d03-s1/engine"];
const teamId = paths.some((p) => p.includes("{team}")) ? await teamIdOf(base, cookie) : "";
for (const path of paths.map((p) => p.replace("{team}", teamId))) {
  const headers = path === "/login" ? {} : { cookie };
  await (await fetch(`${base}${path}`, { headers, redirect: "manual" })).arrayBuffer();
  await settled();
  const offset = size();
  let status = 0;
  for (let i = 0; i < rounds; i++) status = (await fetch(`${base}${path}`, { headers, redirect: "manual" }).then(async (r) => (await r.arrayBuffer(), r.status)));
  await settled();
  // A statement's later lines follow its log line without the prefix.
  const entries = readFrom(offset).split(/\n(?=\d{4}-\d\d-\d\d )/).map((e) => e.replace(/\n\s*/g, " "));
  const lines = entries.map((e) => statement.exec(e)?.[2]).filter((s) => s !== undefined && !background.test(s));
  console.log(`${path.padEnd(44)} HTTP ${status}  ${(lines.length / rounds).toFixed(1)} statements per request`);
  if (process.env.SHOW) for (const s of lines.slice(0, Math.ceil(lines.length / rounds))) console.log(`    ${s.slice(0, 160)}`);
}
