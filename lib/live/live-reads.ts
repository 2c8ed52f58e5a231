import type { ApiResource, ServedResources } from "@/lib/k8s/discovery";
import { ok, type K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import type { ServerVersion } from "@/lib/k8s/version";
import type { ClusterReads, TeamSettings } from "@/lib/checks/types";
import { selectObjects } from "./selectors";

/** The objects of one kind in one namespace (none: cluster-wide), as one watch follows them. */
export type WatchRef = { apiVersion: string; kind: string; namespace?: string };

export const watchKey = (r: WatchRef) => `${r.apiVersion}|${r.kind}|${r.namespace ?? ""}`;
export const DISCOVERY = "discovery";
/** The reason of the failure a read gets when the team already has as many watches as its connection allows. */
export const WATCH_LIMIT = "WatchLimit";

/** Where live reads come from: watch caches (waiting for their first list) and discovery read once. */
export interface LiveSource {
  objects(ref: WatchRef): Promise<K8sResult<KubeObject[]>>;
  version(): Promise<K8sResult<ServerVersion>>;
  served(): Promise<K8sResult<ServedResources>>;
  groupVersion(apiVersion: string): Promise<K8sResult<ApiResource[]>>;
}

/** Thrown by a read a watch cannot answer: the check is decided only when someone verifies. */
export class NotWatchable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const verifyOnly = (reason: string) => () => {
  throw new NotWatchable(reason);
};

/**
 * ClusterReads over the watch caches. Every list and get says which watch it needs (`use`), so running a
 * check over these reads is how the hub learns what to watch; anything else throws NotWatchable.
 */
export function liveReads(team: TeamSettings, source: LiveSource, use: (key: string) => void): ClusterReads {
  const objects = async (ref: WatchRef): Promise<K8sResult<KubeObject[]>> => {
    use(watchKey(ref));
    const result = await source.objects(ref);
    // Verify may still read what Daybook is not allowed to watch (a GET), so this check is Verify's.
    if (!result.ok && result.kind === "forbidden") throw new NotWatchable(`Daybook may not watch ${ref.kind} objects: ${result.message}`);
    if (!result.ok && result.reason === WATCH_LIMIT) throw new NotWatchable(result.message);
    return result;
  };
  const reads: ClusterReads = {
    team,
    version: () => source.version(),
    served: () => (use(DISCOVERY), source.served()),
    groupVersion: (apiVersion) => (use(DISCOVERY), source.groupVersion(apiVersion)),
    async list<T extends KubeObject>(apiVersion: string, kind: string, namespace?: string, options = {}) {
      const all = await objects({ apiVersion, kind, namespace });
      return all.ok ? ok(selectObjects(all.value as T[], options)) : all;
    },
    async get<T extends KubeObject>(apiVersion: string, kind: string, name: string, namespace?: string) {
      const all = await objects({ apiVersion, kind, namespace });
      return all.ok ? ok(all.value.find((o) => o.metadata?.name === name) as T | undefined) : all;
    },
    logs: verifyOnly("reads pod logs"),
    exec: verifyOnly("runs a command in a pod"),
    httpGet: verifyOnly("sends an HTTP request to a pod"),
    metrics: verifyOnly("reads resource metrics"),
    canServiceAccount: verifyOnly("asks the API server for an access review"),
    dryRunCreate: verifyOnly("creates a test object with a dry run"),
    fetchUrl: verifyOnly("requests a public URL"),
    loadOutcome: verifyOnly("runs a load test"),
    fresh: () => reads,
  };
  return reads;
}
