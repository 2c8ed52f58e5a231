import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { age, apiError, evidence, missing, table, verdict } from "../evidence";

export const resourceExists = defineCheck(
  checkSchemaOf("resourceExists", { apiVersion: name, resourceKind: name, namespace: namespace.optional(), name: name.optional(), minCount: z.number().int().positive().optional() }),
  {
    fetch: (reads, c) => reads.list(c.apiVersion, c.resourceKind, c.namespace),
    evaluate(list: K8sResult<KubeObject[]>, c) {
      const where = c.namespace ? ` in ${c.namespace}` : "";
      const expected = c.name ? `${c.resourceKind} ${c.name} exists${where}` : `at least ${c.minCount ?? 1} ${c.resourceKind}${where}`;
      if (!list.ok) {
        if (list.kind === "unsupported") return verdict("fail", expected, list.message, [evidence("API discovery", list.message)]);
        return apiError(expected, list, `${c.resourceKind} objects`);
      }
      const matching = list.value.filter((o) => !c.name || o.metadata?.name === c.name);
      const shown = `kubectl get ${c.resourceKind.toLowerCase()}${c.name ? ` ${c.name}` : ""}${c.namespace ? ` -n ${c.namespace}` : ""}`;
      const text = matching.length ? table(["NAME", "AGE"], matching.map((o) => [o.metadata?.name ?? "", age(o.metadata?.creationTimestamp)])) : c.name ? `Error from server (NotFound): ${c.resourceKind} "${c.name}" not found` : "No resources found";
      const ok = matching.length >= (c.minCount ?? 1);
      if (!ok && c.name) return missing(expected, "not found", [evidence(shown, text)]);
      return verdict(ok ? "pass" : "fail", expected, c.name ? (ok ? "found" : "not found") : `${matching.length} found`, [evidence(shown, text)]);
    },
    lint: (c, pack) => (c.name && !pack.objects.some((o) => o.kind === c.resourceKind && o.name === c.name) ? [`no ${c.resourceKind} "${c.name}" in the pack manifests`] : []),
  },
);
