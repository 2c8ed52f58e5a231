import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name } from "../define";
import { age, apiError, evidence, missing, table, verdict } from "../evidence";

export const namespaceExists = defineCheck(checkSchemaOf("namespaceExists", { name }), {
  fetch: (reads, check) => reads.get("v1", "Namespace", check.name),
  evaluate(ns: K8sResult<KubeObject | undefined>, check) {
    const expected = `namespace ${check.name} exists and is Active`;
    if (!ns.ok) return apiError(expected, ns, `namespace ${check.name}`);
    if (!ns.value) return missing(expected, `namespace ${check.name} not found`, [evidence(`kubectl get namespace ${check.name}`, `Error from server (NotFound): namespaces "${check.name}" not found`)]);
    const phase = String((ns.value.status as { phase?: string } | undefined)?.phase ?? "Active");
    return verdict(phase === "Active" ? "pass" : "fail", expected, `namespace ${check.name} is ${phase}`, [
      evidence(`kubectl get namespace ${check.name}`, table(["NAME", "STATUS", "AGE"], [[check.name, phase, age(ns.value.metadata?.creationTimestamp)]])),
    ]);
  },
  lint: (check, pack) => (pack.objects.some((o) => o.kind === "Namespace" && o.name === check.name) ? [] : [`no Namespace "${check.name}" in the pack manifests`]),
});
