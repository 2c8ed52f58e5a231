import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, labelSelector, namespace } from "../define";
import { apiError, evidence, table, verdict } from "../evidence";

const RESOURCES = { pods: ["v1", "Pod"], services: ["v1", "Service"], deployments: ["apps/v1", "Deployment"] } as const;
type Resource = keyof typeof RESOURCES;
type Fetched = Record<string, { matching: K8sResult<KubeObject[]>; all?: K8sResult<KubeObject[]> }>;

const labelText = (o: KubeObject) => Object.entries(o.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(",");

export const labelSelectorMatches = defineCheck(
  checkSchemaOf("labelSelectorMatches", {
    namespace,
    resource: z.enum(["pods", "services", "deployments", "all"]),
    selector: labelSelector,
    minCount: z.number().int().positive().optional(),
    allInNamespace: z.boolean().optional(),
    /** Each label set here must be matched by at least one result (so a set-based selector is really exercised). */
    mustInclude: z.array(z.record(z.string(), z.string())).min(1).optional(),
  }),
  {
    async fetch(reads, c): Promise<Fetched> {
      const kinds: Resource[] = c.resource === "all" ? ["pods", "services", "deployments"] : [c.resource];
      const entries = await Promise.all(
        kinds.map(async (r) => {
          const [apiVersion, kind] = RESOURCES[r];
          const [matching, all] = await Promise.all([reads.list(apiVersion, kind, c.namespace, { labelSelector: c.selector }), c.allInNamespace ? reads.list(apiVersion, kind, c.namespace) : undefined]);
          return [r, { matching, all }] as const;
        }),
      );
      return Object.fromEntries(entries);
    },
    evaluate(f: Fetched, c) {
      const expected = c.allInNamespace ? `every ${c.resource} in ${c.namespace} carries ${c.selector}` : `at least ${c.minCount ?? 1} ${c.resource} match ${c.selector}${c.mustInclude ? `, including ${c.mustInclude.map((m) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(",")).join(" and ")}` : ""}`;
      const items = [];
      let matched: KubeObject[] = [];
      const unlabelled: string[] = [];
      for (const [resource, { matching, all }] of Object.entries(f)) {
        if (!matching.ok) return apiError(expected, matching, resource);
        matched = [...matched, ...matching.value];
        items.push(evidence(`kubectl get ${resource} -n ${c.namespace} -l '${c.selector}' --show-labels`, matching.value.length ? table(["NAME", "LABELS"], matching.value.map((o) => [o.metadata?.name ?? "", labelText(o)])) : "No resources found"));
        if (all?.ok) {
          const names = new Set(matching.value.map((o) => o.metadata?.uid));
          const live = all.value.filter((o) => !o.metadata?.deletionTimestamp);
          unlabelled.push(...live.filter((o) => !names.has(o.metadata?.uid)).map((o) => `${resource}/${o.metadata?.name}`));
          if (live.length === 0) unlabelled.push(`(no ${resource} at all)`);
        }
      }
      if (c.allInNamespace) return verdict(unlabelled.length ? "fail" : "pass", expected, unlabelled.length ? `not labelled: ${unlabelled.slice(0, 5).join(", ")}${unlabelled.length > 5 ? ` and ${unlabelled.length - 5} more` : ""}` : `all ${matched.length} labelled`, items);
      const missing = (c.mustInclude ?? []).filter((want) => !matched.some((o) => Object.entries(want).every(([k, v]) => o.metadata?.labels?.[k] === v)));
      const enough = matched.length >= (c.minCount ?? 1);
      const actual = !enough ? `${matched.length} match` : missing.length ? `${matched.length} match, but none with ${missing.map((m) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(",")).join(" or ")}` : `${matched.length} match`;
      return verdict(enough && missing.length === 0 ? "pass" : "fail", expected, actual, items);
    },
  },
);
