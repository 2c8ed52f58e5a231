import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject, LabelSelector, Node, Pod } from "@/lib/k8s/types";

import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, missing, table, verdict } from "../evidence";
import { drainVerdict } from "@/lib/k8s/drain-filters";

export type Pdb = KubeObject & {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelector };
  status?: { currentHealthy?: number; desiredHealthy?: number; expectedPods?: number; disruptionsAllowed?: number; conditions?: { type: string; status: string; reason?: string }[] };
};

export const pdbTable = (pdbs: Pdb[]) =>
  table(["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "HEALTHY"], pdbs.map((p) => [p.metadata?.name ?? "", String(p.spec?.minAvailable ?? "N/A"), String(p.spec?.maxUnavailable ?? "N/A"), p.status?.disruptionsAllowed ?? 0, `${p.status?.currentHealthy ?? 0}/${p.status?.desiredHealthy ?? 0}`]));

/** A budget is kept when the pods it protects exist and at least the desired number are healthy. */
export const pdbKept = (p: Pdb) => (p.status?.expectedPods ?? 0) > 0 && (p.status?.currentHealthy ?? 0) >= (p.status?.desiredHealthy ?? 1);

export const pdbHealthy = defineCheck(checkSchemaOf("pdbHealthy", { namespace, name: name.optional() }), {
  fetch: (reads, c) => reads.list<Pdb>("policy/v1", "PodDisruptionBudget", c.namespace),
  evaluate(list: K8sResult<Pdb[]>, c) {
    const expected = c.name ? `PodDisruptionBudget ${c.name} protects running pods and is satisfied` : `every PodDisruptionBudget in ${c.namespace} protects running pods and is satisfied`;
    if (!list.ok) return apiError(expected, list, "pod disruption budgets");
    const pdbs = list.value.filter((p) => !c.name || p.metadata?.name === c.name);
    if (pdbs.length === 0) return missing(expected, c.name ? `PodDisruptionBudget ${c.name} not found` : `no PodDisruptionBudget in ${c.namespace}`, [evidence(`kubectl get pdb -n ${c.namespace}`, "No resources found")]);
    const bad = pdbs.filter((p) => !pdbKept(p)).map((p) => `${p.metadata?.name}: ${(p.status?.expectedPods ?? 0) === 0 ? "selects no pods" : `${p.status?.currentHealthy ?? 0} healthy of ${p.status?.desiredHealthy} required`}`);
    return verdict(bad.length ? "fail" : "pass", expected, bad.length ? bad.join("; ") : `${pdbs.length} budget(s) satisfied`, [evidence(`kubectl get pdb -n ${c.namespace}`, pdbTable(pdbs))]);
  },
});

type DrainState = { nodes: K8sResult<Node[]>; pods: K8sResult<Pod[]>; pdbs: K8sResult<Pdb[]> };

/**
 * After `kubectl drain`: some node is cordoned and none of the namespace's evictable pods are left on it,
 * while every PodDisruptionBudget was kept. A drain that refused (e.g. emptyDir pods) leaves pods behind.
 */
export const nodeDrained = defineCheck(checkSchemaOf("nodeDrained", { namespace }), {
  async fetch(reads, c): Promise<DrainState> {
    const [nodes, pods, pdbs] = await Promise.all([reads.list<Node>("v1", "Node"), reads.list<Pod>("v1", "Pod", c.namespace), reads.list<Pdb>("policy/v1", "PodDisruptionBudget", c.namespace)]);
    return { nodes, pods, pdbs };
  },
  evaluate({ nodes, pods, pdbs }: DrainState, c) {
    const expected = `a cordoned node no longer runs ${c.namespace} pods, and every PodDisruptionBudget held`;
    if (!nodes.ok) return apiError(expected, nodes, "nodes");
    if (!pods.ok) return apiError(expected, pods, "pods");
    if (!pdbs.ok) return apiError(expected, pdbs, "pod disruption budgets");
    const cordoned = nodes.value.filter((n) => n.spec?.unschedulable).map((n) => n.metadata?.name ?? "");
    const left = (node: string) => pods.value.filter((p) => p.spec?.nodeName === node && !p.metadata?.deletionTimestamp && drainVerdict(p, { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true }).action === "evict");
    const items = [evidence("kubectl get nodes", table(["NAME", "SCHEDULING", `${c.namespace.toUpperCase()} PODS`], nodes.value.map((n) => [n.metadata?.name ?? "", n.spec?.unschedulable ? "SchedulingDisabled" : "enabled", left(n.metadata?.name ?? "").length])))];
    if (pdbs.value.length) items.push(evidence(`kubectl get pdb -n ${c.namespace}`, pdbTable(pdbs.value)));
    if (!pdbs.ok) return apiError(expected, pdbs, "pod disruption budgets");
    // Without budgets, or without pods, an empty cordoned node proves nothing about this namespace.
    if (pdbs.value.length === 0) return verdict("fail", expected, `no PodDisruptionBudget in ${c.namespace}: there is nothing for the drain to honour`, items);
    if (pods.value.every((p) => p.metadata?.deletionTimestamp || p.status?.phase !== "Running")) return verdict("fail", expected, `no pod of ${c.namespace} is running anywhere`, items);
    if (cordoned.length === 0) return verdict("fail", expected, "no node is cordoned: the drain has not run (or the node was uncordoned)", items);
    const drained = cordoned.filter((n) => left(n).length === 0);
    if (drained.length === 0) {
      const n = cordoned[0]!;
      return verdict("fail", expected, `node ${n} is cordoned but still runs ${left(n).map((p) => p.metadata?.name).join(", ")}: the drain stopped before evicting them`, items);
    }
    const broken = pdbs.value.filter((p) => !pdbKept(p)).map((p) => p.metadata?.name);
    if (broken.length) return verdict("fail", expected, `node ${drained[0]} is drained, but ${broken.join(", ")} are below their budget`, items);
    return verdict("pass", expected, `node ${drained[0]} is drained and every budget held`, items);
  },
});

