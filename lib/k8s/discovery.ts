import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { restJson } from "./rest";
import { failure, ok, type K8sResult } from "./result";

export type ApiResource = { name: string; kind: string; namespaced: boolean; verbs: string[]; groupVersion: string };
type ResourceList = { groupVersion: string; resources: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[] };

const cache = new WeakMap<KubeConfig, Map<string, Promise<K8sResult<ApiResource[]>>>>();

const groupVersionPath = (apiVersion: string) => (apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`);

async function fetchGroupVersion(kc: KubeConfig, apiVersion: string): Promise<K8sResult<ApiResource[]>> {
  const res = await restJson<ResourceList>(kc, { path: groupVersionPath(apiVersion) });
  if (!res.ok) {
    if (res.kind === "notFound") return failure("unsupported", `The cluster does not serve ${apiVersion} (is the CRD or API installed?).`, { status: 404 });
    return res;
  }
  return ok(res.value.resources.map((r) => ({ name: r.name, kind: r.kind, namespaced: r.namespaced, verbs: r.verbs ?? [], groupVersion: apiVersion })));
}

/** The resources of one group/version, cached per cluster client; `fresh` re-reads after a CRD appears. */
export function groupVersionResources(kc: KubeConfig, apiVersion: string, fresh = false): Promise<K8sResult<ApiResource[]>> {
  let byVersion = cache.get(kc);
  if (!byVersion) cache.set(kc, (byVersion = new Map()));
  const hit = byVersion.get(apiVersion);
  if (hit && !fresh) return hit;
  const pending = fetchGroupVersion(kc, apiVersion);
  byVersion.set(apiVersion, pending);
  // a failed discovery is not remembered: the next call asks again
  void pending.then((r) => (r.ok ? undefined : byVersion.delete(apiVersion)));
  return pending;
}

/** The REST resource that serves `kind` in `apiVersion` (top-level resources only, not subresources). */
export async function resolveKind(kc: KubeConfig, apiVersion: string, kind: string): Promise<K8sResult<ApiResource>> {
  for (const fresh of [false, true]) {
    const list = await groupVersionResources(kc, apiVersion, fresh);
    if (!list.ok) return list;
    const found = list.value.find((r) => r.kind === kind && !r.name.includes("/"));
    if (found) return ok(found);
  }
  return failure("unsupported", `The cluster serves ${apiVersion} but has no kind ${kind}.`);
}

export type ServedResources = { names: Set<string>; errors: string[] };

type GroupList = { groups: { name: string; preferredVersion?: { groupVersion: string }; versions: { groupVersion: string }[] }[] };

/** What `kubectl api-resources` lists: every group's preferred version; broken groups are reported, not fatal. */
export async function servedResources(kc: KubeConfig): Promise<K8sResult<ServedResources>> {
  const groups = await restJson<GroupList>(kc, { path: "/apis" });
  if (!groups.ok) return groups;
  const versions = ["v1", ...groups.value.groups.map((g) => g.preferredVersion?.groupVersion ?? g.versions[0]!.groupVersion)];
  const lists = await Promise.all(versions.map((v) => groupVersionResources(kc, v)));
  const names = new Set<string>();
  const errors: string[] = [];
  lists.forEach((list, i) => {
    if (!list.ok) errors.push(`${versions[i]}: ${list.message}`);
    else for (const r of list.value) if (!r.name.includes("/")) names.add(r.name);
  });
  return ok({ names, errors });
}
