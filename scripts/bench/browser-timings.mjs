// Benchmark: what a person waits for in Chromium against a running Daybook: sign-in to the landing page,
// and a status change from click to confirmed. Prints p50/p95; asserts nothing.
// Usage: BASE_URL=http://127.0.0.1:3000 node scripts/bench/browser-timings.mjs [rounds=10]
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

const signIns = [];
const changes = [];
for (let i = 0; i < rounds; i++) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(process.env.BENCH_EMAIL ?? "alice@daybook.local");
  await page.getByLabel("Password").fill(process.env.BENCH_PASSWORD ?? "daybook-demo");
  let t = performance.now();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.waitForURL((u) => u.pathname !== "/login" && u.pathname !== "/");
  signIns.push(performance.now() - t);

  await page.goto("/plan/step/d20-s2");
  for (const name of ["In progress", "Not started"]) {
    const radio = page.getByRole("radio", { name });
    t = performance.now();
    await radio.check();
    await page.getByText(/Last changed by/).waitFor();
    await page.getByText("Saving…").waitFor({ state: "detached" });
    changes.push(performance.now() - t);
  }
  await context.close();
}
report("sign-in: click to landing page", signIns);
report("status change: click to confirmed", changes);
await browser.close();
