import type { K8sResult } from "@/lib/k8s/result";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, missing, verdict } from "../evidence";
import { describeQuota, findQuota, quotaObserved, type Quota } from "./quota";

export const resourceQuotaActive = defineCheck(checkSchemaOf("resourceQuotaActive", { namespace, name }), {
  fetch: (reads, c) => reads.list<Quota>("v1", "ResourceQuota", c.namespace),
  evaluate(list: K8sResult<Quota[]>, c) {
    const expected = `ResourceQuota ${c.name} is active: the quota controller tracks usage against every hard limit`;
    if (!list.ok) return apiError(expected, list, "resource quotas");
    const q = findQuota(list, c.name);
    if (!q) return missing(expected, `ResourceQuota ${c.name} not found in ${c.namespace}`, [evidence(`kubectl get resourcequota -n ${c.namespace}`, list.value.map((x) => x.metadata?.name).join("\n") || "No resources found")]);
    const active = quotaObserved(q);
    return verdict(active ? "pass" : "fail", expected, active ? "usage tracked for every limit" : "status does not match spec yet (quota not observed)", [describeQuota(q)]);
  },
  lint: (c, pack) => (pack.objects.some((o) => o.kind === "ResourceQuota" && o.name === c.name) ? [] : [`no ResourceQuota "${c.name}" in the pack manifests`]),
});
