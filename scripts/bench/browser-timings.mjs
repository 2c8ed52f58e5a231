// Benchmark: what a person waits for in Chromium against a running Daybook: sign-in to the landing page,
// and a status change from click to confirmed. Prints p50/p95; asserts nothing.
// With SERVER_PID (the pid of `next start`), also the server CPU time each costs, which other load hardly moves.
// Usage: BASE_URL=http://127.0.0.1:3000 [SERVER_PID=…] node scripts/bench/browser-timings.mjs [rounds=10]
import fs from "node:fs";
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base)) throw new Error("BASE_URL must be a loopback address");
const rounds = Number(process.argv[2] ?? 10);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const report = (label, samples) => {
  samples.sort((a, b) => a - b);
  const pct = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))].toFixed(0);
  console.log(`${label.padEnd(40)} n=${samples.length}  p50=${pct(0.5)}ms  p95=${pct(0.95)}ms`);
};

const pid = Number(process.env.SERVER_PID);
// utime + stime of the server process, in ms (USER_HZ = 100).
const serverCpu = () => (pid ? fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ").slice(11, 13).reduce((a, b) => a + Number(b) * 10, 0) : 0);
const cpu = { signIn: [], change: [] };
const signIns = [];
const changes = [];
for (let i = 0; i < rounds; i++) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(process.env.BENCH_EMAIL ?? "alice@daybook.local");
  await page.getByLabel("Password").fill(process.env.BENCH_PASSWORD ?? "daybook-demo");
  let t = performance.now();
  let c = serverCpu();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.waitForURL((u) => u.pathname !== "/login" && u.pathname !== "/");
  signIns.push(performance.now() - t);
  cpu.signIn.push(serverCpu() - c);

  // Hydrated and done prefetching: a click before hydration is lost, and prefetches would share the wait.
  await page.goto("/plan/step/d20-s2", { waitUntil: "networkidle" });
  for (const name of ["In progress", "Not started"]) {
    const radio = page.getByRole("radio", { name });
    t = performance.now();
    c = serverCpu();
    await radio.check();
    await page.getByText(/Last changed by/).waitFor();
    await page.getByText("Saving…").waitFor({ state: "detached" });
    changes.push(performance.now() - t);
    cpu.change.push(serverCpu() - c);
  }
  await context.close();
}
report("sign-in: click to landing page", signIns);
report("status change: click to confirmed", changes);
if (pid) {
  report("server CPU per sign-in (incl. landing page)", cpu.signIn);
  report("server CPU per status change", cpu.change);
}
await browser.close();
