import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { canServiceAccount } from "@/lib/k8s/access";
import { groupVersionResources, servedResources } from "@/lib/k8s/discovery";
import { execInPod } from "@/lib/k8s/exec";
import { httpGetThroughPod } from "@/lib/k8s/http-probe";
import { podLogs } from "@/lib/k8s/logs";
import { getObject, listObjects, objectPath } from "@/lib/k8s/objects";
import { restJson } from "@/lib/k8s/rest";
import { ok, type K8sResult } from "@/lib/k8s/result";
import type { HttpAnswer } from "@/lib/k8s/http-probe";
import type { KubeObject } from "@/lib/k8s/types";
import type { LoadOutcomeLookup } from "@/lib/load/types";
import { serverVersion } from "@/lib/k8s/version";
import type { ClusterReads, MetricsList, TeamSettings } from "./types";

export type ReadsOptions = {
  team: TeamSettings;
  /** GETs a team-configured public URL under the address policy (lib/clusters). */
  fetchUrl: (url: string, timeoutMs?: number, hostHeader?: string) => Promise<K8sResult<HttpAnswer>>;
  /** Counts calls that reached the cluster, for benchmarks. */
  onRequest?: (what: string) => void;
  /** Where load tests find their measurement (lib/runs/load-run.ts). */
  loadOutcome?: LoadOutcomeLookup;
  /** Shares reads with other runs of the same moment (the steps of one re-verify all). */
  memo?: ReadMemo;
};

/** Reads in flight or done, by what was asked: one list of a kind, namespace and selector serves everyone. */
export type ReadMemo = Map<string, Promise<unknown>>;

/** ClusterReads over one cluster client: every read is shared within the run, or the memo given (and its promise reused). */
export function clusterReads(kc: KubeConfig, options: ReadsOptions): ClusterReads {
  const memo: ReadMemo = options.memo ?? new Map();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let hit = memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      options.onRequest?.(key);
      hit = load();
      memo.set(key, hit);
    }
    return hit;
  };

  const reads: ClusterReads = {
    team: options.team,
    version: () => once("version", () => serverVersion(kc)),
    served: () => once("served", () => servedResources(kc)),
    groupVersion: (apiVersion) => once(`gv:${apiVersion}`, () => groupVersionResources(kc, apiVersion)),
    list: <T extends KubeObject>(apiVersion: string, kind: string, namespace?: string, opts: { labelSelector?: string; fieldSelector?: string } = {}) =>
      once(`list:${apiVersion}:${kind}:${namespace ?? ""}:${opts.labelSelector ?? ""}:${opts.fieldSelector ?? ""}`, () => listObjects<T>(kc, { apiVersion, kind, namespace }, opts)),
    async get<T extends KubeObject>(apiVersion: string, kind: string, name: string, namespace?: string): Promise<K8sResult<T | undefined>> {
      // One list per kind and namespace serves every check that asks for an object of it.
      const list = await reads.list<T>(apiVersion, kind, namespace);
      if (list.ok) return ok(list.value.find((o) => o.metadata?.name === name));
      if (list.kind !== "forbidden") return list;
      const one = await once(`get:${apiVersion}:${kind}:${namespace ?? ""}:${name}`, () => getObject<T>(kc, { apiVersion, kind, name, namespace }));
      return one.ok ? one : one.kind === "notFound" ? ok(undefined) : one;
    },
    logs: (req) => once(`logs:${JSON.stringify(req)}`, () => podLogs(kc, req)),
    exec: (req) => once(`exec:${JSON.stringify(req)}`, () => execInPod(kc, req)),
    // Each HTTP request is its own observation (parallel probes measure the workload), so none is shared.
    httpGet: (probe) => (options.onRequest?.(`http:${probe.pod}:${probe.port}${probe.path}`), httpGetThroughPod(kc, probe)),
    metrics: (scope, namespace) =>
      once(`metrics:${scope}:${namespace ?? ""}`, () => restJson<MetricsList>(kc, { path: scope === "nodes" ? "/apis/metrics.k8s.io/v1beta1/nodes" : `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(namespace ?? "default")}/pods` })),
    canServiceAccount: (sa, attrs) => once(`sar:${sa}:${JSON.stringify(attrs)}`, () => canServiceAccount(kc, sa, attrs)),
    async dryRunCreate(obj) {
      const p = await objectPath(kc, { apiVersion: obj.apiVersion!, kind: obj.kind!, namespace: obj.metadata?.namespace });
      if (!p.ok) return p;
      return restJson<KubeObject>(kc, { method: "POST", path: p.value.path, query: { dryRun: "All", fieldValidation: "Strict" }, body: obj });
    },
    fetchUrl: (url, timeoutMs, hostHeader) => once(`url:${url}:${hostHeader ?? ""}`, () => options.fetchUrl(url, timeoutMs, hostHeader)),
    fresh: () => clusterReads(kc, { ...options, memo: undefined }),
    loadOutcome: (checkId) => options.loadOutcome?.(checkId) ?? Promise.resolve(undefined),
  };
  return reads;
}
