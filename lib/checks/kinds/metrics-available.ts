import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { Pod } from "@/lib/k8s/types";
import { parseQuantity } from "@/lib/pack/resources";
import { checkSchemaOf, defineCheck, namespace } from "../define";
import { apiError, evidence, table, verdict } from "../evidence";
import type { MetricsList } from "../types";

type Fetched = { metrics: K8sResult<MetricsList>; pods?: K8sResult<Pod[]> };

const cpu = (v: string | undefined) => (v ? parseQuantity(v) : 0);
const mem = (v: string | undefined) => (v ? parseQuantity(v) : 0);

export const metricsAvailable = defineCheck(
  checkSchemaOf("metricsAvailable", { scope: z.enum(["pods", "nodes"]), namespace: namespace.optional(), maxPercentOfLimit: z.number().positive().optional() }),
  {
    async fetch(reads, c): Promise<Fetched> {
      const [metrics, pods] = await Promise.all([reads.metrics(c.scope, c.namespace), c.scope === "pods" && c.maxPercentOfLimit ? reads.list<Pod>("v1", "Pod", c.namespace) : undefined]);
      return { metrics, pods };
    },
    evaluate({ metrics, pods }: Fetched, c) {
      const expected = c.maxPercentOfLimit ? `metrics for ${c.scope}, each pod at most ${c.maxPercentOfLimit}% of its limits` : `metrics for ${c.scope} (kubectl top ${c.scope === "pods" ? "pods" : "nodes"})`;
      if (!metrics.ok) {
        if (metrics.kind === "notFound" || metrics.kind === "unsupported" || metrics.status === 503) return verdict("inconclusive", expected, "The metrics API is not available: metrics-server is not installed or not ready.", [evidence(`kubectl top ${c.scope}`, "error: Metrics API not available")]);
        return apiError(expected, metrics, "the metrics API");
      }
      const items = metrics.value.items;
      if (items.length === 0) return verdict("fail", expected, "metrics not available yet (no items)", [evidence(`kubectl top ${c.scope}`, "error: metrics not available yet")]);
      if (c.scope === "nodes") {
        return verdict("pass", expected, `${items.length} nodes report usage`, [evidence("kubectl top nodes", table(["NAME", "CPU(cores)", "MEMORY(bytes)"], items.map((i) => [i.metadata.name, `${Math.round(cpu(i.usage?.cpu) * 1000)}m`, `${Math.round(mem(i.usage?.memory) / 2 ** 20)}Mi`])))]);
      }
      if (c.maxPercentOfLimit && pods && !pods.ok) return apiError(expected, pods, "the pods' limits");
      const byPod = new Map((pods?.ok ? pods.value : []).map((p) => [p.metadata?.name ?? "", p]));
      const over: string[] = [];
      const rows = items.map((i) => {
        const usedCpu = (i.containers ?? []).reduce((s, x) => s + cpu(x.usage.cpu), 0);
        const usedMem = (i.containers ?? []).reduce((s, x) => s + mem(x.usage.memory), 0);
        const spec = byPod.get(i.metadata.name)?.spec;
        const limCpu = spec?.containers.reduce((s, x) => s + cpu(x.resources?.limits?.cpu), 0) ?? 0;
        const limMem = spec?.containers.reduce((s, x) => s + mem(x.resources?.limits?.memory), 0) ?? 0;
        const pct = Math.max(limCpu ? (100 * usedCpu) / limCpu : 0, limMem ? (100 * usedMem) / limMem : 0);
        if (c.maxPercentOfLimit && pct > c.maxPercentOfLimit) over.push(`${i.metadata.name} at ${Math.round(pct)}%`);
        return [i.metadata.name, `${Math.round(usedCpu * 1000)}m`, `${Math.round(usedMem / 2 ** 20)}Mi`, limCpu || limMem ? `${Math.round(pct)}%` : "no limits"];
      });
      return verdict(over.length ? "fail" : "pass", expected, over.length ? `over the limit: ${over.join(", ")}` : `${items.length} pods report usage within limits`, [evidence(`kubectl top pods -n ${c.namespace}`, table(["NAME", "CPU(cores)", "MEMORY(bytes)", "OF LIMIT"], rows))]);
    },
  },
);
