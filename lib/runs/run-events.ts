import { EventEmitter } from "node:events";

const globalForEvents = globalThis as unknown as { daybookRunEvents?: EventEmitter };
const events = (globalForEvents.daybookRunEvents ??= new EventEmitter().setMaxListeners(0));

/** A run closed in this process (the last of its re-verify all, if `batchFinished`): whoever waits for it here need not ask the database again. */
export const emitRunClosed = (runId: string, batchFinished?: string | null) => {
  events.emit(`closed:${runId}`);
  if (batchFinished) events.emit(`batch:${batchFinished}`);
};

/** The last run of a re-verify all closed in this process. */
export function onBatchFinished(batchId: string, listener: () => void): () => void {
  events.once(`batch:${batchId}`, listener);
  return () => events.off(`batch:${batchId}`, listener);
}

export function onRunClosed(runId: string, listener: () => void): () => void {
  events.once(`closed:${runId}`, listener);
  return () => events.off(`closed:${runId}`, listener);
}
