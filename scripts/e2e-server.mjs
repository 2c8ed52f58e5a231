// Starts `next start` on a fresh database for the end-to-end tests: node scripts/e2e-server.mjs <embedded|postgres> <port>
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const [kind, port] = process.argv.slice(2);
const root = path.resolve(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `daybook-e2e-${kind}-`));
const env = { ...process.env, DAYBOOK_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "", DAYBOOK_LISTEN_HOST: "127.0.0.1", AUTH_URL: `http://127.0.0.1:${port}` };

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
}

const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", port], { cwd: root, env, stdio: "inherit" });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
