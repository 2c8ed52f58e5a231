import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { Pod } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, labelSelector, namespace } from "../define";
import { apiError, evidence, verdict } from "../evidence";
import { podsTable, readyPods } from "./workloads";

const finished = (p: Pod) => p.status?.phase === "Succeeded" || p.status?.phase === "Failed";

export const podsReady = defineCheck(
  checkSchemaOf("podsReady", { namespace, selector: labelSelector.optional(), minReady: z.number().int().positive().optional() }),
  {
    fetch: (reads, c) => reads.list<Pod>("v1", "Pod", c.namespace, { labelSelector: c.selector }),
    evaluate(pods: K8sResult<Pod[]>, c) {
      const which = c.selector ? `pods matching ${c.selector}` : `pods in ${c.namespace}`;
      const expected = c.minReady ? `at least ${c.minReady} ${which} Running and Ready` : `every one of the ${which} Running and Ready (completed pods aside)`;
      if (!pods.ok) return apiError(expected, pods, which);
      const live = pods.value.filter((p) => !p.metadata?.deletionTimestamp && !finished(p));
      const ready = readyPods(live).length;
      const ok = c.minReady ? ready >= c.minReady : live.length > 0 && ready === live.length;
      const cmd = `kubectl get pods -n ${c.namespace}${c.selector ? ` -l ${c.selector}` : ""}`;
      return verdict(ok ? "pass" : "fail", expected, `${ready} of ${live.length} Ready`, [evidence(cmd, podsTable(pods.value))]);
    },
  },
);
