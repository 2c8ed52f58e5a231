import type { KubeConfig } from "@kubernetes/client-node";
import type { ApiResource, ServedResources } from "@/lib/k8s/discovery";
import { failure, type K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import type { ServerVersion } from "@/lib/k8s/version";
import type { ListWatchHandlers } from "@/lib/k8s/watch";
import type { TeamSettings } from "@/lib/checks/types";
import { DISCOVERY, WATCH_LIMIT, watchKey, type LiveSource, type WatchRef } from "./live-reads";
import { WatchCache } from "./watch-cache";

/** What a team hub reads the cluster with; lib/live/cluster.ts builds it from the team's stored connection. */
export type TeamCluster = {
  kc?: KubeConfig & { close(): void };
  settings: TeamSettings;
  watch(ref: WatchRef, handlers: ListWatchHandlers, signal: AbortSignal): Promise<void>;
  version(): Promise<K8sResult<ServerVersion>>;
  served(): Promise<K8sResult<ServedResources>>;
  groupVersion(apiVersion: string, fresh: boolean): Promise<K8sResult<ApiResource[]>>;
};

/** A new CRD changes what discovery answers: a step that reads discovery watches CRDs to know when. */
export const CRDS: WatchRef = { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition" };

type Watched = { ref: WatchRef; cache: WatchCache; controller: AbortController; listeners: Set<() => void> };

const FIRST_LIST_TIMEOUT_MS = 10_000;

/**
 * Each open watch holds one of the team connection's 16 keep-alive sockets (lib/k8s/client.ts) for minutes;
 * at most this many leaves room for the lists and discovery. Beyond it, a check is Verify's.
 */
export const MAX_WATCHES = 12;

/**
 * One team's watches, shared by every step page of the team that is open: one per (apiVersion, kind,
 * namespace), started by its first listener and stopped with its last.
 */
export class TeamHub implements LiveSource {
  private readonly watches = new Map<string, Watched>();
  private memo = new Map<string, Promise<unknown>>();
  private fresh = new Set<string>();

  constructor(readonly cluster: TeamCluster) {}

  get settings(): TeamSettings {
    return this.cluster.settings;
  }

  /** Open watches (for benchmarks and tests). */
  get watchCount(): number {
    return this.watches.size;
  }

  watching(key: string): boolean {
    return this.watches.has(key);
  }

  listen(ref: WatchRef, listener: () => void): void {
    const key = watchKey(ref);
    let w = this.watches.get(key);
    if (!w && this.watches.size >= MAX_WATCHES) return;
    if (!w) {
      const controller = new AbortController();
      const listeners = new Set<() => void>();
      const cache = new WatchCache((cause) => {
        if (key === watchKey(CRDS) && cause !== "failure") this.discoveryChanged();
        for (const l of listeners) l();
      });
      w = { ref, cache, controller, listeners };
      this.watches.set(key, w);
      void this.cluster.watch(ref, cache.handlers, controller.signal);
    }
    w.listeners.add(listener);
  }

  unlisten(ref: WatchRef, listener: () => void): void {
    const key = watchKey(ref);
    const w = this.watches.get(key);
    if (!w) return;
    w.listeners.delete(listener);
    if (w.listeners.size > 0) return;
    w.controller.abort();
    this.watches.delete(key);
  }

  /** Failures of the watches a step depends on, for the page to say its live state may be stale. */
  problems(keys: Iterable<string>): string[] {
    const out: string[] = [];
    for (const key of keys) {
      const p = this.watches.get(key)?.cache.problem;
      if (p && key !== watchKey(CRDS)) out.push(`${this.watches.get(key)!.ref.kind}: ${p.message}`);
    }
    return out;
  }

  async objects(ref: WatchRef): Promise<K8sResult<KubeObject[]>> {
    const w = this.watches.get(watchKey(ref));
    if (!w) return failure("tooManyRequests", `Daybook already follows ${MAX_WATCHES} kinds of objects for this team`, { reason: WATCH_LIMIT });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_LIST_TIMEOUT_MS)));
    await Promise.race([w.cache.ready, late]);
    clearTimeout(timer);
    return w.cache.read();
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      this.memo.set(key, hit);
      // A failed read is not remembered: the next evaluation asks again.
      void hit.then((r) => ((r as { ok?: boolean }).ok === false ? this.memo.delete(key) : undefined));
    }
    return hit;
  }

  private discoveryChanged(): void {
    for (const key of this.memo.keys()) if (key.startsWith(DISCOVERY)) this.fresh.add(key);
    this.memo = new Map([...this.memo].filter(([key]) => !key.startsWith(DISCOVERY)));
  }

  version = () => this.once("version", () => this.cluster.version());
  served = () => this.once(`${DISCOVERY}:served`, () => this.cluster.served());
  groupVersion = (apiVersion: string) => {
    const key = `${DISCOVERY}:gv:${apiVersion}`;
    return this.once(key, () => this.cluster.groupVersion(apiVersion, this.fresh.delete(key)));
  };

  close(): void {
    for (const w of this.watches.values()) w.controller.abort();
    this.watches.clear();
    this.cluster.kc?.close();
  }
}
