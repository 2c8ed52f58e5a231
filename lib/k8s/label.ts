import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { listObjects, objectPath } from "./objects";
import { rest } from "./rest";
import { ok, type K8sResult } from "./result";

export type LabelOutcome = { name: string; result: "labeled" | "not labeled" | "refused"; message?: string };

/** `kubectl label <kind> -n NS --all KEY=VALUE [--overwrite]`, one merge patch per object. */
export async function labelAll(kc: KubeConfig, ref: { apiVersion: string; kind: string; namespace: string }, key: string, value: string, overwrite = false): Promise<K8sResult<LabelOutcome[]>> {
  const objects = await listObjects(kc, ref);
  if (!objects.ok) return objects;
  const outcomes: LabelOutcome[] = [];
  for (const o of objects.value) {
    const name = o.metadata?.name ?? "?";
    const current = o.metadata?.labels?.[key];
    if (current === value) {
      outcomes.push({ name, result: "not labeled" });
      continue;
    }
    if (current !== undefined && !overwrite) {
      outcomes.push({ name, result: "refused", message: `'${key}' already has a value (${current}), and --overwrite is false` });
      continue;
    }
    const p = await objectPath(kc, { ...ref, name });
    if (!p.ok) return p;
    const res = await rest(kc, { method: "PATCH", path: p.value.path, contentType: "application/merge-patch+json", query: { fieldManager: "daybook-label" }, body: { metadata: { labels: { [key]: value } } } });
    outcomes.push(res.ok ? { name, result: "labeled" } : { name, result: "refused", message: res.message });
  }
  return ok(outcomes);
}
