import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import { selectorToString } from "@/lib/k8s/pods";
import type { KubeObject, LabelSelector } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, table, verdict } from "../evidence";

type Policy = KubeObject & { spec?: { podSelector?: LabelSelector; policyTypes?: string[] } };

export const networkPolicyExists = defineCheck(
  checkSchemaOf("networkPolicyExists", { namespace, names: z.array(name).min(1).optional(), minCount: z.number().int().positive().optional() }),
  {
    fetch: (reads, c) => reads.list<Policy>("networking.k8s.io/v1", "NetworkPolicy", c.namespace),
    evaluate(list: K8sResult<Policy[]>, c) {
      const expected = c.names ? `NetworkPolicies ${c.names.join(", ")} exist` : `at least ${c.minCount ?? 1} NetworkPolicies in ${c.namespace}`;
      if (!list.ok) return apiError(expected, list, "network policies");
      const have = new Set(list.value.map((p) => p.metadata?.name));
      const missing = (c.names ?? []).filter((n) => !have.has(n));
      const enough = list.value.length >= (c.minCount ?? 1);
      const rows = list.value.map((p) => [p.metadata?.name ?? "", selectorToString(p.spec?.podSelector) || "<all pods>", (p.spec?.policyTypes ?? []).join(",")]);
      return verdict(missing.length === 0 && enough ? "pass" : "fail", expected, missing.length ? `missing ${missing.join(", ")}` : `${list.value.length} policies`, [evidence(`kubectl get networkpolicy -n ${c.namespace}`, rows.length ? table(["NAME", "POD-SELECTOR", "TYPES"], rows) : "No resources found")]);
    },
    lint: (c, pack) => (c.names ?? []).filter((n) => !pack.objects.some((o) => o.kind === "NetworkPolicy" && o.name === n)).map((n) => `no NetworkPolicy "${n}" in the pack manifests`),
  },
);
