import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { resolveKind } from "./discovery";
import { restJson } from "./rest";
import { ok, type K8sResult } from "./result";
import type { KubeObject, KubeList } from "./types";

export type ObjectRef = { apiVersion: string; kind: string; name?: string; namespace?: string };

/** The REST path of a kind (and of one object when the ref names it), as kubectl would build it. */
export async function objectPath(kc: KubeConfig, ref: ObjectRef): Promise<K8sResult<{ path: string; namespaced: boolean }>> {
  const resource = await resolveKind(kc, ref.apiVersion, ref.kind);
  if (!resource.ok) return resource;
  const base = ref.apiVersion.includes("/") ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
  const ns = resource.value.namespaced && ref.namespace ? `/namespaces/${encodeURIComponent(ref.namespace)}` : "";
  const name = ref.name ? `/${encodeURIComponent(ref.name)}` : "";
  return ok({ path: `${base}${ns}/${resource.value.name}${name}`, namespaced: resource.value.namespaced });
}

export async function getObject<T extends KubeObject = KubeObject>(kc: KubeConfig, ref: ObjectRef & { name: string }): Promise<K8sResult<T>> {
  const p = await objectPath(kc, ref);
  if (!p.ok) return p;
  return restJson<T>(kc, { path: p.value.path });
}

export type ListOptions = { labelSelector?: string; fieldSelector?: string };

/** Lists every object of a kind (following `continue`), in a namespace or cluster-wide. */
export async function listObjects<T extends KubeObject = KubeObject>(kc: KubeConfig, ref: ObjectRef, options: ListOptions = {}): Promise<K8sResult<T[]>> {
  const p = await objectPath(kc, { ...ref, name: undefined });
  if (!p.ok) return p;
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await restJson<KubeList<T>>(kc, { path: p.value.path, query: { ...options, limit: 500, continue: token } });
    if (!page.ok) return page;
    items.push(...page.value.items);
    token = page.value.metadata?.continue || undefined;
  } while (token);
  return ok(items);
}
