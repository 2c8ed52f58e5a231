/**
 * Runs once when the server starts: migrate (inside getDb), seed the demo cohort on an empty database, and
 * start this process's worker (DAYBOOK_WORKER_CONCURRENCY, default 4; 0 for a web server only).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootstrap } = await import("./lib/db/bootstrap");
  await bootstrap();
  const { startWorker } = await import("./lib/queue/worker");
  const worker = await startWorker();
  if (!worker) return;
  console.log(`[daybook] worker ${worker.id} takes ${worker.settings.concurrency} job(s) at once`);
  // With NEXT_MANUAL_SIG_HANDLE (npm start sets it), SIGTERM lets the worker finish or hand back its runs first.
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        console.log(`[daybook] ${signal}: the worker takes no more jobs and finishes or hands back ${worker.held().length} run(s)`);
        void worker.stop().finally(() => process.exit(0));
      });
    }
  }
}
