import PgBoss from "pg-boss";
import type { Operation } from "@/lib/course/schema";
import { getDb } from "@/lib/db/prisma";
import { queueDatabase, type QueueDatabase } from "@/lib/db/queue-sql";

/** Every engine run (preview, apply, command, verify) is one job of this queue. */
export const RUN_QUEUE = "daybook-run";
/** Re-verify all: the parent job starts one VERIFY run per proven step; its data is { batchId }. */
export const BATCH_QUEUE = "daybook-batch";

/** What a worker needs besides the run row: the command itself (course data), and how to run it. */
export type RunJob = { runId: string; operation?: Operation; force?: boolean; settleScale?: number };
export type BatchJob = { batchId: string };

const globalForBoss = globalThis as unknown as { daybookBoss?: Promise<PgBoss>; daybookBossDb?: QueueDatabase };

async function startBoss(db: QueueDatabase): Promise<PgBoss> {
  const connection = db.kind === "embedded" ? { db: db.executor } : { connectionString: db.url, max: 4, application_name: "daybook-queue" };
  // No cron here; maintenance (expiring stuck jobs, archiving) runs in whichever process gets there first.
  const boss = new PgBoss({ ...connection, schema: "pgboss", schedule: false, supervise: true, maintenanceIntervalSeconds: 60 });
  boss.on("error", (error: Error) => console.error("[daybook] job queue:", error.message));
  await boss.start();
  await boss.createQueue(RUN_QUEUE);
  await boss.createQueue(BATCH_QUEUE);
  return boss;
}

/** The process's one pg-boss instance, on the same database as everything else (its own schema, pgboss). */
export async function getBoss(): Promise<PgBoss> {
  await getDb(); // opens (and migrates) the database, which also says where the queue's SQL goes
  const db = queueDatabase();
  if (!db) throw new Error("The database is not open: the job queue has nowhere to live.");
  // Tests install a new database per suite: a queue on the previous one is of no use.
  if (globalForBoss.daybookBossDb !== db) await stopBoss().catch(() => undefined);
  globalForBoss.daybookBossDb = db;
  globalForBoss.daybookBoss ??= startBoss(db).catch((error: unknown) => {
    globalForBoss.daybookBoss = undefined;
    throw error;
  });
  return globalForBoss.daybookBoss;
}

/** Stops the queue of this process (tests, shutdown); a later getBoss() starts a new one. */
export async function stopBoss(options: { graceful: boolean; timeoutMs?: number } = { graceful: false }): Promise<void> {
  const boss = globalForBoss.daybookBoss;
  globalForBoss.daybookBoss = undefined;
  globalForBoss.daybookBossDb = undefined;
  if (!boss) return;
  await (await boss).stop({ graceful: options.graceful, timeout: options.timeoutMs ?? 1000, wait: true, close: true });
}
