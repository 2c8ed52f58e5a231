// Benchmark: what one page view costs in Chromium, prefetches included: the requests the page makes until the
// network is idle (by kind: the document, link prefetches, other RSC requests, the rest) and, with SERVER_PID, the
// server CPU time of the whole view. Then how long a click on a main navigation link takes to show the new page.
// Prints numbers; asserts nothing.
// Usage: BASE_URL=… [SERVER_PID=…] [BENCH_PATHS=/plan/step/d03-s1,/plan] node scripts/bench/page-views.mjs [rounds=8]
import fs from "node:fs";
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base)) throw new Error("BASE_URL must be a loopback address");
const rounds = Number(process.argv[2] ?? 8);
const paths = process.env.BENCH_PATHS?.split(",") ?? ["/plan/step/d03-s1", "/plan/day/3", "/plan"];
const pid = Number(process.env.SERVER_PID);
const serverCpu = () => (pid ? fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ").slice(11, 13).reduce((a, b) => a + Number(b) * 10, 0) : 0);
const pct = (samples, p) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(p * samples.length))];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 800 } });
const page = await context.newPage();
await page.goto("/login");
await page.getByLabel("Email").fill(process.env.BENCH_EMAIL ?? "alice@daybook.local");
await page.getByLabel("Password").fill(process.env.BENCH_PASSWORD ?? "daybook-demo");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((u) => u.pathname !== "/login" && u.pathname !== "/");

const kindOf = (request) => {
  const h = request.headers();
  if (request.resourceType() === "document") return "document";
  if (h["next-router-prefetch"]) return "prefetch";
  if (h["rsc"]) return "rsc";
  return /\/_next\/static\//.test(request.url()) ? "static" : "other";
};

for (const path of paths) {
  const counts = { document: [], prefetch: [], rsc: [], other: [] };
  const cpu = [];
  for (let i = 0; i < rounds; i++) {
    const seen = { document: 0, prefetch: 0, rsc: 0, other: 0, static: 0 };
    const count = (r) => seen[kindOf(r)]++;
    page.on("request", count);
    const c = serverCpu();
    await page.goto(path, { waitUntil: "networkidle" });
    cpu.push(serverCpu() - c);
    page.off("request", count);
    for (const k of Object.keys(counts)) counts[k].push(seen[k]);
  }
  const line = Object.entries(counts).map(([k, xs]) => `${k}=${mean(xs).toFixed(1)}`).join("  ");
  console.log(`${path.padEnd(22)} n=${rounds}  requests per view: ${line}${pid ? `  server CPU per view p50=${pct(cpu, 0.5)}ms mean=${mean(cpu).toFixed(0)}ms` : ""}`);
}

// A click on a main navigation link, from a hydrated page that has finished prefetching, to the new page's heading.
const clicks = [];
for (let i = 0; i < rounds; i++) {
  await page.goto("/plan/step/d03-s1", { waitUntil: "networkidle" });
  const t = performance.now();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Troubleshooting" }).click();
  await page.waitForURL((u) => u.pathname === "/plan/troubleshooting");
  await page.getByRole("heading", { level: 1, name: /Troubleshooting/i }).waitFor();
  clicks.push(performance.now() - t);
}
console.log(`click "Troubleshooting" to its heading    n=${rounds}  p50=${pct(clicks, 0.5).toFixed(0)}ms  p95=${pct(clicks, 0.95).toFixed(0)}ms`);
await browser.close();
