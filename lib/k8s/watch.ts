import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { objectPath, type ObjectRef } from "./objects";
import { restJson } from "./rest";
import { ok, type K8sFailure, type K8sResult } from "./result";
import type { KubeList, KubeObject } from "./types";
import { watchStream, type RawWatchEvent, type WatchEnd, type WatchStreamRequest } from "./watch-stream";

export type WatchChange = { type: "ADDED" | "MODIFIED" | "DELETED"; object: KubeObject };

export type ListWatchHandlers = {
  /** After every (re)list: the whole current set, which replaces what the caller holds. */
  onList(items: KubeObject[]): void;
  onChange(change: WatchChange): void;
  /** A list or watch failed; the loop tries again after `retryInMs`. */
  onFailure(failure: K8sFailure, retryInMs: number): void;
};

/** How the loop reaches the API server; tests of the loop itself give it recorded answers. */
export type WatchTransport = {
  path(ref: ObjectRef): Promise<K8sResult<string>>;
  list(path: string): Promise<K8sResult<Listed>>;
  watch(req: WatchStreamRequest): Promise<WatchEnd>;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
};

export type ListWatchOptions = {
  signal: AbortSignal;
  /** Back-off after consecutive failures: initial doubling up to max (client-go's reflector: 800 ms to 30 s). */
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
  transport?: WatchTransport;
};

// Failures that waiting a few seconds will not fix (no permission, a kind not served yet) retry slowly.
const SLOW = new Set(["forbidden", "unauthorized", "unsupported", "notFound"]);

export type Listed = { items: KubeObject[]; resourceVersion: string };

/** One list of every object of a kind (following `continue`) and the resourceVersion to watch from. */
export async function listForWatch(kc: KubeConfig, path: string): Promise<K8sResult<Listed>> {
  const items: KubeObject[] = [];
  let token: string | undefined;
  let resourceVersion = "";
  do {
    const page = await restJson<KubeList<KubeObject>>(kc, { path, query: { limit: 500, continue: token } });
    if (!page.ok) return page;
    items.push(...page.value.items);
    resourceVersion = page.value.metadata?.resourceVersion ?? resourceVersion;
    token = page.value.metadata?.continue || undefined;
  } while (token);
  return ok({ items, resourceVersion });
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => (clearTimeout(t), signal.removeEventListener("abort", done), resolve());
    const t = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });

const transportOf = (kc: KubeConfig): WatchTransport => ({
  path: async (ref) => {
    const p = await objectPath(kc, { ...ref, name: undefined });
    return p.ok ? ok(p.value.path) : p;
  },
  list: (path) => listForWatch(kc, path),
  watch: (req) => watchStream(kc, req),
  sleep,
});

/**
 * kubectl's list-then-watch (client-go's reflector) for one kind in one namespace, until `signal` aborts:
 * list, watch from the list's resourceVersion with bookmarks, watch again from the last one seen when the
 * server closes the watch, list again on 410 Gone, and back off on failures. Never throws.
 */
export async function listWatch(kc: KubeConfig, ref: ObjectRef, handlers: ListWatchHandlers, opts: ListWatchOptions): Promise<void> {
  const { signal } = opts;
  const transport = opts.transport ?? transportOf(kc);
  const backoff = opts.backoff ?? { initialMs: 800, maxMs: 30_000 };
  const random = opts.random ?? Math.random;
  let failures = 0;
  let resourceVersion: string | undefined;
  const fail = async (failure: K8sFailure) => {
    failures++;
    const cap = SLOW.has(failure.kind) ? backoff.maxMs * 2 : backoff.maxMs;
    const retryInMs = Math.round(Math.min(cap, backoff.initialMs * 2 ** (failures - 1)) * (1 + random() * 0.2));
    handlers.onFailure(failure, retryInMs);
    await transport.sleep(retryInMs, signal);
  };

  while (!signal.aborted) {
    const path = await transport.path(ref);
    if (!path.ok) {
      await fail(path);
      continue;
    }
    if (resourceVersion === undefined) {
      const listed = await transport.list(path.value);
      if (signal.aborted) return;
      if (!listed.ok) {
        await fail(listed);
        continue;
      }
      resourceVersion = listed.value.resourceVersion;
      handlers.onList(listed.value.items);
    }
    const onEvent = (event: RawWatchEvent) => {
      failures = 0;
      if (event.object.metadata?.resourceVersion) resourceVersion = event.object.metadata.resourceVersion;
      if (event.type !== "BOOKMARK" && event.type !== "ERROR") handlers.onChange({ type: event.type, object: event.object });
    };
    // client-go's reflector: a random watch length between 5 and 10 minutes spreads the reconnects of many watches.
    const timeoutSeconds = Math.round(300 * (1 + random()));
    const ended = await transport.watch({ path: path.value, resourceVersion, timeoutSeconds, signal, onEvent });
    if (ended.end === "aborted") return;
    if (ended.end === "gone") {
      resourceVersion = undefined;
      continue;
    }
    if (ended.end === "failed") {
      await fail(ended.failure);
      continue;
    }
    failures = 0;
  }
}
