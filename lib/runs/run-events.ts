import { EventEmitter } from "node:events";

const globalForEvents = globalThis as unknown as { daybookRunEvents?: EventEmitter };
const events = (globalForEvents.daybookRunEvents ??= new EventEmitter().setMaxListeners(0));

/** A run closed in this process: whoever waits for it here need not ask the database again. */
export const emitRunClosed = (runId: string) => {
  events.emit(`closed:${runId}`);
  events.emit("closed");
};

/** Any run closed in this process (a re-verify all's waiter asks the database again at once). */
export function onAnyRunClosed(listener: () => void): () => void {
  events.once("closed", listener);
  return () => events.off("closed", listener);
}

export function onRunClosed(runId: string, listener: () => void): () => void {
  events.once(`closed:${runId}`, listener);
  return () => events.off(`closed:${runId}`, listener);
}
