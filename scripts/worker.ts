/**
 * `npm run worker`: a worker process on its own, against the PostgreSQL server in DATABASE_URL, for an
 * installation that outgrows one machine. Run as many as needed (processes, pods); `npm start` already
 * runs one inside the web server. SIGTERM: it takes no more jobs and finishes or hands back its runs.
 */
import { resolveDatabaseConfig } from "@/lib/db/config";

const config = resolveDatabaseConfig();
if (config.kind !== "postgres") {
  console.error("[daybook] npm run worker needs DATABASE_URL (a PostgreSQL server shared with the web server). The embedded database belongs to the one process that opened it, and `npm start` already runs a worker there.");
  process.exit(2);
}
const { clusterSettings } = await import("@/lib/runs/connection");
const { workerSettings } = await import("@/lib/queue/settings");
const { getDb } = await import("@/lib/db/prisma");
const { startWorker } = await import("@/lib/queue/worker");

let settings;
try {
  // The same settings as the web server: a bad key or allow-list stops the worker before it takes a job.
  clusterSettings();
  settings = workerSettings();
} catch (error) {
  console.error(`[daybook] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
if (settings.concurrency === 0) {
  console.error("[daybook] DAYBOOK_WORKER_CONCURRENCY is 0: a worker with no room for jobs has nothing to do.");
  process.exit(2);
}
await getDb();
const worker = (await startWorker(settings))!;
console.log(`[daybook] worker ${worker.id} ready: ${settings.concurrency} job(s) at once`);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    console.log(`[daybook] worker ${worker.id}: ${signal}, finishing or handing back ${worker.held().length} run(s)`);
    void worker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("[daybook] worker stop:", error);
        process.exit(1);
      },
    );
  });
}
