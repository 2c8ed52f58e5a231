/**
 * Worker processes for the queue tests: `scripts/worker.ts` as `npm run worker` runs it, against the test's
 * PostgreSQL database, with the same sealing key and allow-list as the test process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { connectTeamCluster, updateClusterSettings } from "@/lib/data/clusters";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { actorFor } from "@/tests/support/test-prisma";
import { testKubeconfigPath, waitFor } from "../support/cluster";

const root = path.resolve(import.meta.dirname, "../../..");

export type WorkerProcess = { id: string; child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** The environment both the test process and its workers use to seal and open the team's credentials. */
export function sharedClusterEnv(): Record<string, string> {
  const server = /server:\s*(\S+)/.exec(fs.readFileSync(testKubeconfigPath(), "utf8"))?.[1];
  if (!server) throw new Error("the test kubeconfig names no server");
  process.env.DAYBOOK_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
  return { DAYBOOK_ENCRYPTION_KEY: process.env.DAYBOOK_ENCRYPTION_KEY, DAYBOOK_CLUSTER_ALLOW: new URL(server).host };
}

/** Starts `npm run worker` on `databaseUrl` and resolves once it says it is ready. */
export async function spawnWorker(databaseUrl: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  let output = "";
  // As `npm run worker` starts it: one node process (tsx as a loader, not a wrapper), so a signal reaches the worker itself.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, ...sharedClusterEnv(), DATABASE_URL: databaseUrl, DAYBOOK_WORKER_HEARTBEAT_SECONDS: "0.3", DAYBOOK_WORKER_STALE_SECONDS: "2", DAYBOOK_QUEUE_POLL_SECONDS: "0.5", DAYBOOK_WORKER_SHUTDOWN_SECONDS: "2", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const id = await waitFor(() => /worker (\S+) ready/.exec(output)?.[1] ?? (child.exitCode !== null ? Promise.reject(new Error(`worker exited: ${output}`)) : undefined), { timeoutMs: 60_000, intervalMs: 100, description: "the worker to be ready" });
  return { id, child, output: () => output, exited };
}

/** Connects the team to the local control plane with a namespace nothing was applied to. */
export async function connectEmptyNamespace(client: PrismaClient, email: string, teamId: string, namespace: string): Promise<void> {
  const actor = await actorFor(client, email);
  await connectTeamCluster(actor, { source: "local", teamId });
  await updateClusterSettings(actor, { teamId, namespace, registry: "", mirrorPublic: false, productionUrl: null, monitoringUrl: null, productionHost: null, monitoringHost: null });
}
