import "server-only";
import { getDb } from "@/lib/db/prisma";
import { onBatchFinished, onRunClosed } from "./run-events";

/**
 * Resolves when the run is no longer running, whichever worker ran it: at once when it closed in this
 * process, otherwise when the database says so (checked every `everyMs`).
 */
export async function waitForRun(runId: string, { everyMs = 250, signal }: { everyMs?: number; signal?: AbortSignal } = {}): Promise<void> {
  const db = await getDb();
  while (!signal?.aborted) {
    const run = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
    if (!run || run.status !== "RUNNING") return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, everyMs);
      const off = onRunClosed(runId, done);
      signal?.addEventListener("abort", done, { once: true });
      function done() {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  }
}

/** A promise-like that starts waiting only when someone awaits it, so an unwatched launch costs nothing. */
export function lazyDone(runIds: string[]): PromiseLike<void> {
  let waiting: Promise<void> | undefined;
  return {
    then(onFulfilled, onRejected) {
      waiting ??= Promise.all(runIds.map((id) => waitForRun(id))).then(() => undefined);
      return waiting.then(onFulfilled, onRejected);
    },
  };
}

/** Settles when every child of the re-verify all has finished (lazily, like a run's `done`): at once when the last closed here, otherwise when the database says so. */
export function waitForBatch(batchId: string, everyMs = 250): PromiseLike<void> {
  let waiting: Promise<void> | undefined;
  const wait = async () => {
    const db = await getDb();
    for (;;) {
      const batch = await db.runBatch.findUnique({ where: { id: batchId }, select: { finishedAt: true } });
      if (!batch || batch.finishedAt) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, everyMs);
        const off = onBatchFinished(batchId, done);
        function done() {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    }
  };
  return {
    then(onFulfilled, onRejected) {
      waiting ??= wait();
      return waiting.then(onFulfilled, onRejected);
    },
  };
}
