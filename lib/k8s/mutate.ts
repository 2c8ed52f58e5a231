import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { getObject, objectPath, type ObjectRef } from "./objects";
import { rest } from "./rest";
import { failure, ok, type K8sResult } from "./result";

/** `kubectl scale deployment/NAME --replicas=N` (the scale subresource). */
export async function scaleDeployment(kc: KubeConfig, namespace: string, name: string, replicas: number): Promise<K8sResult<string>> {
  const res = await rest(kc, { method: "PATCH", path: `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(name)}/scale`, contentType: "application/merge-patch+json", body: { spec: { replicas } } });
  return res.ok ? ok(`deployment.apps/${name} scaled to ${replicas}`) : res;
}

/** `kubectl delete KIND NAME` (a missing object counts as deleted). */
export async function deleteObject(kc: KubeConfig, ref: ObjectRef & { name: string }): Promise<K8sResult<string>> {
  const p = await objectPath(kc, ref);
  if (!p.ok) return p;
  const res = await rest(kc, { method: "DELETE", path: p.value.path });
  if (!res.ok && res.kind === "notFound") return ok(`${ref.kind.toLowerCase()} "${ref.name}" already absent`);
  return res.ok ? ok(`${ref.kind.toLowerCase()} "${ref.name}" deleted`) : res;
}

/** Replaces text inside one key of a ConfigMap (as `kubectl edit` would), by a merge patch. */
export async function editConfigMapValue(kc: KubeConfig, namespace: string, name: string, key: string, find: string, replace: string): Promise<K8sResult<string>> {
  const cm = await getObject<{ data?: Record<string, string> }>(kc, { apiVersion: "v1", kind: "ConfigMap", namespace, name });
  if (!cm.ok) return cm;
  const value = cm.value.data?.[key];
  if (value === undefined) return failure("notFound", `ConfigMap ${name} has no key ${key}.`);
  if (!value.includes(find)) return failure("invalid", `ConfigMap ${name} key ${key} does not contain "${find}".`);
  const res = await rest(kc, { method: "PATCH", path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(name)}`, contentType: "application/merge-patch+json", body: { data: { [key]: value.split(find).join(replace) } } });
  return res.ok ? ok(`configmap/${name} edited (${key})`) : res;
}

/** Removes one key from a ConfigMap or Secret. */
export async function deleteDataKey(kc: KubeConfig, kind: "ConfigMap" | "Secret", namespace: string, name: string, key: string): Promise<K8sResult<string>> {
  const plural = kind === "ConfigMap" ? "configmaps" : "secrets";
  const res = await rest(kc, { method: "PATCH", path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/${plural}/${encodeURIComponent(name)}`, contentType: "application/merge-patch+json", body: { data: { [key]: null } } });
  return res.ok ? ok(`${kind.toLowerCase()}/${name}: key ${key} removed`) : res;
}
