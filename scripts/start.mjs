// `npm start`: generate the Prisma client and build when needed, then serve Daybook on 127.0.0.1, with a
// worker for the job queue inside the server process (DAYBOOK_WORKER_CONCURRENCY=0 for a web server only).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
// NEXT_MANUAL_SIG_HANDLE: SIGTERM reaches Daybook's handler (instrumentation.ts), so the worker inside the
// server finishes or hands back its runs before the process ends.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", NEXT_MANUAL_SIG_HANDLE: "1" };
const host = env.HOST ?? "127.0.0.1";
const port = env.PORT ?? "3000";
// The server's own address, for the demo-account warning, and the app's own URL for Auth.js: the
// address printed below, so its links never switch between localhost and 127.0.0.1.
env.DAYBOOK_LISTEN_HOST = host;
const wildcard = host === "0.0.0.0" || host === "::";
if (!env.AUTH_URL && !wildcard) env.AUTH_URL = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

const newestMtime = (dir) => {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
};
const SOURCES = ["app", "components", "lib", "public", "prisma", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package-lock.json"];
const sourceMtime = () => Math.max(...SOURCES.filter((p) => fs.existsSync(p)).map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)));

if (!fs.existsSync("lib/generated/prisma/client.ts") || fs.statSync("prisma/schema.prisma").mtimeMs > fs.statSync("lib/generated/prisma/client.ts").mtimeMs) {
  execFileSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit", env });
}
const buildId = ".next/BUILD_ID";
if (!fs.existsSync(buildId) || sourceMtime() > fs.statSync(buildId).mtimeMs) {
  console.log("[daybook] building (first run or sources changed)…");
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env });
}

console.log(`[daybook] starting on ${env.AUTH_URL ?? `http://${host}:${port}`}`);
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", host, "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
