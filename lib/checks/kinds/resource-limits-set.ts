import type { K8sResult } from "@/lib/k8s/result";
import type { Pod } from "@/lib/k8s/types";
import { containersMissingResources } from "@/lib/pack/resources";
import { checkSchemaOf, defineCheck, labelSelector, namespace } from "../define";
import { apiError, evidence, table, verdict } from "../evidence";

const res = (r: Record<string, string> | undefined) => (r ? `cpu=${r.cpu ?? "-"},memory=${r.memory ?? "-"}` : "-");

export const resourceLimitsSet = defineCheck(checkSchemaOf("resourceLimitsSet", { namespace, selector: labelSelector.optional() }), {
  fetch: (reads, c) => reads.list<Pod>("v1", "Pod", c.namespace, { labelSelector: c.selector }),
  evaluate(pods: K8sResult<Pod[]>, c) {
    const expected = "every container has CPU and memory requests and limits";
    if (!pods.ok) return apiError(expected, pods, "pods");
    const live = pods.value.filter((p) => !p.metadata?.deletionTimestamp && p.spec);
    if (live.length === 0) return verdict("fail", expected, `no pods in ${c.namespace}${c.selector ? ` match ${c.selector}` : ""}`);
    const missing = live.flatMap((p) => containersMissingResources({ containers: p.spec!.containers.map((x) => ({ name: x.name, resources: x.resources })), initContainers: p.spec!.initContainers?.map((x) => ({ name: x.name, resources: x.resources })) }).map((n) => `${p.metadata?.name}/${n}`));
    const rows = live.flatMap((p) => [...(p.spec!.initContainers ?? []), ...p.spec!.containers].map((x) => [p.metadata?.name ?? "", x.name, res(x.resources?.requests), res(x.resources?.limits)]));
    return verdict(missing.length ? "fail" : "pass", expected, missing.length ? `missing on ${missing.join(", ")}` : `all ${rows.length} containers of ${live.length} pods`, [evidence("Requests and limits", table(["POD", "CONTAINER", "REQUESTS", "LIMITS"], rows))]);
  },
});
