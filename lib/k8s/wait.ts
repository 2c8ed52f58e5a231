import { failure, ok, type K8sResult } from "./result";

export type WaitOptions = { timeoutMs: number; intervalMs?: number; signal?: AbortSignal };

export type Attempt<T> = { atMs: number; value: T };

// The abort listener is removed when the timer fires: a long settle loop must not pile them up on one signal.
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Polls until `check` returns something truthy; every outcome, including the timeout, is data. */
export async function waitFor<T>(check: () => Promise<T | false | undefined | null>, opts: WaitOptions): Promise<K8sResult<T>> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return ok(value);
    if (opts.signal?.aborted) return failure("timeout", "Cancelled while waiting.");
    if (Date.now() - start >= opts.timeoutMs) return failure("timeout", `Still not ready after ${Math.round(opts.timeoutMs / 1000)} s.`);
    await sleep(opts.intervalMs ?? 1000, opts.signal);
  }
}

/** Polls `probe` until `done(value)` or the deadline, keeping what it saw at each try. */
export async function settle<T>(probe: () => Promise<T>, done: (value: T) => boolean, opts: WaitOptions & { delayFirst?: boolean }): Promise<{ final: T; attempts: Attempt<T>[]; settled: boolean }> {
  const start = Date.now();
  const attempts: Attempt<T>[] = [];
  if (opts.delayFirst) await sleep(opts.intervalMs ?? 2000, opts.signal);
  for (;;) {
    const value = await probe();
    attempts.push({ atMs: Date.now() - start, value });
    if (done(value)) return { final: value, attempts, settled: true };
    if (opts.signal?.aborted || Date.now() - start >= opts.timeoutMs) return { final: value, attempts, settled: false };
    await sleep(Math.min(opts.intervalMs ?? 2000, Math.max(0, opts.timeoutMs - (Date.now() - start))), opts.signal);
  }
}
