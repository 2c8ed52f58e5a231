import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { Condition, KubeObject } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, missing, table, verdict } from "../evidence";

type Vpa = KubeObject & { status?: { conditions?: Condition[]; recommendation?: { containerRecommendations?: { containerName: string; target?: Record<string, string>; lowerBound?: Record<string, string>; upperBound?: Record<string, string> }[] } } };

export const vpaExists = defineCheck(checkSchemaOf("vpaExists", { namespace, name, requireRecommendation: z.boolean().optional() }), {
  fetch: (reads, c) => reads.get<Vpa>("autoscaling.k8s.io/v1", "VerticalPodAutoscaler", c.name, c.namespace),
  evaluate(v: K8sResult<Vpa | undefined>, c) {
    const expected = `VerticalPodAutoscaler ${c.name} exists${c.requireRecommendation ? " and recommends resources" : ""}`;
    if (!v.ok) {
      if (v.kind === "unsupported") return verdict("inconclusive", expected, "VPA is not installed on this cluster (the autoscaling.k8s.io/v1 API is not served)", [evidence("kubectl get vpa", 'error: the server doesn\'t have a resource type "vpa"')]);
      return apiError(expected, v, `vpa ${c.name}`);
    }
    if (!v.value) return missing(expected, `VerticalPodAutoscaler ${c.name} not found`);
    if (!c.requireRecommendation) return verdict("pass", expected, "exists");
    const conditions = v.value.status?.conditions ?? [];
    const recs = v.value.status?.recommendation?.containerRecommendations ?? [];
    const items = [
      evidence(`kubectl describe vpa ${c.name}`, `${conditions.map((x) => `${x.type}=${x.status} ${x.reason ?? ""}`).join("\n") || "Status: <none>"}\n\n${recs.length ? table(["CONTAINER", "LOWER", "TARGET", "UPPER"], recs.map((r) => [r.containerName, JSON.stringify(r.lowerBound ?? {}), JSON.stringify(r.target ?? {}), JSON.stringify(r.upperBound ?? {})])) : "no recommendation"}`),
    ];
    if (conditions.find((x) => x.type === "NoPodsMatched" && x.status === "True")) return verdict("fail", expected, "the VPA matches no pods (check targetRef)", items);
    if (recs.length > 0 && conditions.some((x) => x.type === "RecommendationProvided" && x.status === "True")) return verdict("pass", expected, `recommends for ${recs.map((r) => r.containerName).join(", ")}`, items);
    if (!v.value.status || conditions.length === 0) return verdict("inconclusive", expected, "no VPA recommender has processed this object (its status is empty): the VPA recommender is not running on this cluster", items);
    return verdict("fail", expected, "waiting for a VPA recommendation", items);
  },
  lint: (c, pack) => (pack.objects.some((o) => o.kind === "VerticalPodAutoscaler" && o.name === c.name) ? [] : [`no VerticalPodAutoscaler "${c.name}" in the pack manifests`]),
});
