import type { ListWatchHandlers } from "@/lib/k8s/watch";
import { failure, ok } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { team } from "@/lib/checks/kinds/__fixtures__/recorded";
import { watchKey, type WatchRef } from "../live-reads";
import type { TeamCluster } from "../team-hub";

/**
 * Recorded API objects behind the TeamCluster interface, for unit tests of the hubs: each watch lists
 * what is stored for its kind and namespace, and `change` plays a watch event to the open watches.
 */
export function fakeCluster(objects: Record<string, KubeObject[]> = {}) {
  const open = new Map<string, ListWatchHandlers[]>();
  const started: string[] = [];
  const stopped: string[] = [];
  const forbidden = new Set<string>();
  const cluster: TeamCluster = {
    settings: team,
    watch(ref: WatchRef, handlers: ListWatchHandlers, signal: AbortSignal) {
      const key = watchKey(ref);
      started.push(key);
      open.set(key, [...(open.get(key) ?? []), handlers]);
      queueMicrotask(() => (forbidden.has(key) ? handlers.onFailure(failure("forbidden", `${ref.kind} is forbidden`, { status: 403 }), 60_000) : handlers.onList(objects[key] ?? [])));
      return new Promise<void>((resolve) =>
        signal.addEventListener("abort", () => {
          stopped.push(key);
          open.set(key, (open.get(key) ?? []).filter((h) => h !== handlers));
          resolve();
        }),
      );
    },
    version: async () => ok({ gitVersion: "v1.34.0" }),
    served: async () => ok({ names: new Set(["pods", "deployments"]), errors: [] }),
    groupVersion: async () => ok([]),
  };
  return {
    cluster,
    started,
    stopped,
    forbidden,
    openWatches: () => [...open].filter(([, hs]) => hs.length > 0).map(([k]) => k),
    change(ref: WatchRef, type: "ADDED" | "MODIFIED" | "DELETED", object: KubeObject) {
      for (const h of open.get(watchKey(ref)) ?? []) h.onChange({ type, object });
    },
  };
}
