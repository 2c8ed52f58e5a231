import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { parseQuantity } from "@/lib/pack/resources";
import { evidence, table } from "../evidence";

export type Quota = KubeObject & { spec?: { hard?: Record<string, string> }; status?: { hard?: Record<string, string>; used?: Record<string, string> } };

/** `kubectl describe resourcequota`: Resource, Used, Hard. */
export function describeQuota(q: Quota) {
  const hard = q.status?.hard ?? q.spec?.hard ?? {};
  const rows = Object.keys(hard).sort().map((k) => [k, q.status?.used?.[k] ?? "-", hard[k]!]);
  return evidence(`kubectl describe resourcequota ${q.metadata?.name}`, `Name:       ${q.metadata?.name}\nNamespace:  ${q.metadata?.namespace}\n${table(["Resource", "Used", "Hard"], rows)}`);
}

export const findQuota = (list: K8sResult<Quota[]>, name?: string) => (list.ok ? list.value.find((q) => !name || q.metadata?.name === name) : undefined);

const same = (a: string | undefined, b: string | undefined) => {
  if (a === undefined || b === undefined) return false;
  try {
    return parseQuantity(a) === parseQuantity(b);
  } catch {
    return a === b;
  }
};

/** The quota controller has observed the quota: status.hard mirrors spec.hard and usage is counted. */
export const quotaObserved = (q: Quota) => Object.entries(q.spec?.hard ?? {}).every(([k, v]) => same(q.status?.hard?.[k], v) && q.status?.used?.[k] !== undefined);
