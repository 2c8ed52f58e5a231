// Benchmark: a whole class against a running Daybook. Every user refreshes their step's state every
// 5 s and opens a page every 30 s, for 60 s, with autocannon. Prints p50/p95/p99 and errors; asserts nothing.
// Seed first (scripts/bench/cohort-seed.ts), then: BASE_URL=http://127.0.0.1:3000 node scripts/bench/cohort.mjs [teams=100] [seconds=60]
// STATE_PATH sets the refresh request: the step page itself by default, or the step-state JSON route with
// STATE_PATH=/api/teams/{team}/steps/{step}/state ({team} is each user's own team).
import autocannon from "autocannon";
import { signIn as signInOver, teamIdOf } from "./sign-in.mjs";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base)) throw new Error("BASE_URL must be a loopback address");
const teams = Number(process.argv[2] ?? 100);
const seconds = Number(process.argv[3] ?? 60);
const users = teams * 4;
const statePath = process.env.STATE_PATH ?? "/plan/step/{step}";
const PAGES = ["/plan", "/plan/day/3", "/plan/step/d03-s1", "/plan/troubleshooting", "/plan/files"];

async function signIn(email) {
  return signInOver(base, email).catch((error) => {
    throw new Error(`${error.message}; seed with scripts/bench/cohort-seed.ts`);
  });
}

console.log(`signing in ${users} users…`);
const cookies = [];
for (let i = 0; i < users; i += 8) {
  cookies.push(...(await Promise.all(Array.from({ length: Math.min(8, users - i) }, (_, k) => signIn(`bench-${Math.floor((i + k) / 4)}-${(i + k) % 4}@daybook.local`)))));
}

const teamIds = statePath.includes("{team}") ? [] : null;
if (teamIds) for (let i = 0; i < users; i += 4) teamIds.push(await teamIdOf(base, cookies[i]));

// Each request goes out as the next user, round robin; a user's step is spread over the 40 steps.
function rotating(paths) {
  let n = 0;
  return (request) => {
    const user = n++ % users;
    const step = `d${String((user % 20) + 1).padStart(2, "0")}-s${(user % 2) + 1}`;
    const path = paths(n).replace("{step}", step).replace("{team}", teamIds?.[Math.floor(user / 4)] ?? "");
    return { ...request, path, headers: { ...request.headers, cookie: cookies[user] } };
  };
}

function run(title, rate, paths) {
  const times = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections: Math.max(10, Math.ceil(rate / 2)), overallRate: rate, duration: seconds, timeout: 10, requests: [{ method: "GET", setupRequest: rotating(paths) }] },
      (error, result) => (error ? reject(error) : resolve({ title, rate, result, times })),
    );
    instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
    instance.on("error", reject);
  });
}
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(0) : "–");

const refreshRate = users / 5;
const pageRate = users / 30;
console.log(`${teams} teams × 4 users for ${seconds} s: ${refreshRate.toFixed(1)} state refreshes/s (${statePath}) + ${pageRate.toFixed(1)} page opens/s`);
const results = await Promise.all([run("state refresh", refreshRate, () => statePath), run("page open", pageRate, (n) => PAGES[n % PAGES.length])]);
for (const { title, rate, result, times } of results) {
  times.sort((x, y) => x - y);
  console.log(
    `${title.padEnd(14)} asked ${rate.toFixed(1)}/s, served ${(result.requests.total / seconds).toFixed(1)}/s  p50=${pct(times, 0.5)}ms p95=${pct(times, 0.95)}ms p99=${pct(times, 0.99)}ms  errors=${result.errors} timeouts=${result.timeouts} non2xx=${result.non2xx}`,
  );
}
