// Benchmark: server response times of the main pages for a signed-in student, against a running Daybook.
// Prints numbers; asserts nothing. Usage: BASE_URL=http://127.0.0.1:3000 [BENCH_EMAIL=… BENCH_PATHS=/a,/b] node scripts/bench/pages.mjs [requests=200] [concurrency=8]
import { signIn, teamIdOf } from "./sign-in.mjs";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const total = Number(process.argv[2] ?? 200);
const concurrency = Number(process.argv[3] ?? 8);

async function measure(path, cookie) {
  const samples = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const t = performance.now();
        const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
        samples.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  const pct = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))].toFixed(1);
  console.log(`${path.padEnd(26)} n=${samples.length} c=${concurrency}  ${(samples.length / seconds).toFixed(1)} req/s  p50=${pct(0.5)}ms  p95=${pct(0.95)}ms  errors=${errors}`);
}

const cookie = await signIn(base, process.env.BENCH_EMAIL ?? "alice@daybook.local", process.env.BENCH_PASSWORD ?? "daybook-demo");
const paths = process.env.BENCH_PATHS?.split(",") ?? ["/plan", "/plan/day/3", "/plan/step/d03-s1", "/plan/troubleshooting"];
// {team} in a path is the student's own team id (for the step-state route: /api/teams/{team}/steps/d03-s1/state).
const teamId = paths.some((p) => p.includes("{team}")) ? await teamIdOf(base, cookie) : "";
for (const path of paths) await measure(path.replace("{team}", teamId), cookie);
