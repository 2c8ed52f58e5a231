import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { Condition, KubeObject } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, missing, table, verdict } from "../evidence";

type Hpa = KubeObject & {
  spec?: { minReplicas?: number; maxReplicas?: number; metrics?: { resource?: { name: string; target?: { averageUtilization?: number } } }[] };
  status?: { currentReplicas?: number; desiredReplicas?: number; conditions?: Condition[]; currentMetrics?: { resource?: { current?: { averageUtilization?: number } } }[] };
};

function targets(h: Hpa): string {
  return (h.spec?.metrics ?? []).map((m, i) => `${h.status?.currentMetrics?.[i]?.resource?.current?.averageUtilization ?? "<unknown>"}${h.status?.currentMetrics?.[i]?.resource?.current?.averageUtilization !== undefined ? "%" : ""}/${m.resource?.target?.averageUtilization ?? "<auto>"}%`).slice(0, 2).join(", ");
}

export const hpaExists = defineCheck(
  checkSchemaOf("hpaExists", { namespace, name, minReplicas: z.number().int().positive().optional(), maxReplicas: z.number().int().positive().optional(), scalingActive: z.boolean().optional() }),
  {
    fetch: (reads, c) => reads.get<Hpa>("autoscaling/v2", "HorizontalPodAutoscaler", c.name, c.namespace),
    evaluate(h: K8sResult<Hpa | undefined>, c) {
      const wants = [c.minReplicas && `min ${c.minReplicas}`, c.maxReplicas && `max ${c.maxReplicas}`, c.scalingActive && "scaling active (it reads metrics)"].filter(Boolean);
      const expected = `HorizontalPodAutoscaler ${c.name} exists${wants.length ? ` with ${wants.join(", ")}` : ""}`;
      if (!h.ok) return apiError(expected, h, `hpa ${c.name}`);
      if (!h.value) return missing(expected, `HorizontalPodAutoscaler ${c.name} not found`, [evidence(`kubectl get hpa ${c.name} -n ${c.namespace}`, `Error from server (NotFound): horizontalpodautoscalers.autoscaling "${c.name}" not found`)]);
      const hpa = h.value;
      const conditions = hpa.status?.conditions ?? [];
      const active = conditions.find((x) => x.type === "ScalingActive");
      const items = [
        evidence(`kubectl get hpa ${c.name} -n ${c.namespace}`, table(["NAME", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS"], [[c.name, targets(hpa), hpa.spec?.minReplicas ?? "<unset>", hpa.spec?.maxReplicas ?? "", hpa.status?.currentReplicas ?? 0]])),
        evidence("Conditions", conditions.map((x) => `${x.type}=${x.status} ${x.reason ?? ""}: ${x.message ?? ""}`).join("\n") || "<none>"),
      ];
      const problems = [
        c.minReplicas && hpa.spec?.minReplicas !== c.minReplicas && `minReplicas is ${hpa.spec?.minReplicas ?? "unset"}`,
        c.maxReplicas && hpa.spec?.maxReplicas !== c.maxReplicas && `maxReplicas is ${hpa.spec?.maxReplicas}`,
      ].filter((x): x is string => typeof x === "string");
      if (problems.length) return verdict("fail", expected, problems.join(", "), items);
      if (c.scalingActive && active?.status !== "True") {
        if (active?.reason === "FailedGetResourceMetric") return verdict("inconclusive", expected, `the HPA cannot read metrics (${active.message ?? active.reason}): is metrics-server installed, and do the pods request CPU?`, items);
        return verdict("fail", expected, active ? `ScalingActive=${active.status} (${active.reason})` : "no ScalingActive condition yet", items);
      }
      return verdict("pass", expected, c.scalingActive ? "scaling active" : "configured as expected", items);
    },
    lint: (c, pack) => (pack.objects.some((o) => o.kind === "HorizontalPodAutoscaler" && o.name === c.name) ? [] : [`no HorizontalPodAutoscaler "${c.name}" in the pack manifests`]),
  },
);
