// Starts `next start` on a fresh database for the end-to-end tests: node scripts/e2e-server.mjs <embedded|postgres> <port>
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const [kind, port] = process.argv.slice(2);
const root = path.resolve(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `daybook-e2e-${kind}-`));
const env = { ...process.env, DAYBOOK_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "", DAYBOOK_LISTEN_HOST: "127.0.0.1", AUTH_URL: `http://127.0.0.1:${port}`,
  // Performance tests last their course duration × this (Day 10's 300 s: 30 s); the pages still show 300 s.
  DAYBOOK_TIME_SCALE: process.env.DAYBOOK_TIME_SCALE || "0.1" };

if (kind === "postgres") {
  const server = process.env.DAYBOOK_TEST_DATABASE_URL;
  if (!server) throw new Error("DAYBOOK_TEST_DATABASE_URL is required for the postgres e2e server");
  const name = `daybook_e2e_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  // The production set-up needs its own key and an explicit allow-list; the embedded one derives both.
  env.DAYBOOK_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  env.DAYBOOK_CLUSTER_ALLOW = localClusterAllowList();
}

/** 127.0.0.1:<api port>,127.0.0.1:<ingress port> of the local control plane the test run started. */
function localClusterAllowList() {
  const run = process.env.DAYBOOK_CLUSTER_RUN || "/tmp/daybook-cluster";
  const entries = [];
  const kubeconfig = path.join(run, "kubeconfig");
  const server = fs.existsSync(kubeconfig) && /server:\s*(\S+)/.exec(fs.readFileSync(kubeconfig, "utf8"))?.[1];
  if (server) entries.push(new URL(server).host);
  const envFile = path.join(run, "env");
  const ingress = fs.existsSync(envFile) && /^DAYBOOK_INGRESS_URL=(\S+)/m.exec(fs.readFileSync(envFile, "utf8"))?.[1];
  if (ingress) entries.push(new URL(ingress).host);
  return entries.join(",");
}

// Test-only fixture data for e2e/signoff.spec.ts, written before the server owns the database.
const seeded = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--tsconfig", "tsconfig.json", "scripts/e2e-seed-signoff.ts"], { cwd: root, env, stdio: "inherit" });
if (seeded.status !== 0) throw new Error("scripts/e2e-seed-signoff.ts failed");

const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", port], { cwd: root, env, stdio: "inherit" });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
