import { startWorker, type RunningWorker } from "@/lib/queue/worker";
import type { WorkerSettings } from "@/lib/queue/settings";

/** Quick beats and polls, so tests see a cancel or a dead worker within a second or two. */
export const TEST_WORKER: WorkerSettings = { concurrency: 4, heartbeatMs: 300, staleMs: 2000, shutdownMs: 2000, pollMs: 500 };

/** This process's worker on the test database (started once; later calls return the same one). */
export function startTestWorker(settings: Partial<WorkerSettings> = {}): Promise<RunningWorker> {
  return startWorker({ ...TEST_WORKER, ...settings })!;
}
