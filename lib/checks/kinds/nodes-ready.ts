import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { Node } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck } from "../define";
import { age, apiError, evidence, table, verdict } from "../evidence";

/** kubectl's STATUS column: only the Ready condition counts; a cordon adds SchedulingDisabled. */
export function nodeStatus(n: Node): string {
  const ready = n.status?.conditions?.find((c) => c.type === "Ready");
  const base = !ready ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady";
  return n.spec?.unschedulable ? `${base},SchedulingDisabled` : base;
}

const roles = (n: Node) => {
  const labels = n.metadata?.labels ?? {};
  const r = Object.keys(labels).filter((k) => k.startsWith("node-role.kubernetes.io/")).map((k) => k.slice(24));
  if (labels["kubernetes.io/role"]) r.push(labels["kubernetes.io/role"]);
  return [...new Set(r)].join(",") || "<none>";
};

export const nodesTable = (nodes: Node[]) =>
  table(["NAME", "STATUS", "ROLES", "AGE", "VERSION"], nodes.map((n) => [n.metadata?.name ?? "", nodeStatus(n), roles(n), age(n.metadata?.creationTimestamp), n.status?.nodeInfo?.kubeletVersion ?? ""]));

export const nodesReady = defineCheck(checkSchemaOf("nodesReady", { minNodes: z.number().int().positive() }), {
  fetch: (reads) => reads.list<Node>("v1", "Node"),
  evaluate(nodes: K8sResult<Node[]>, check) {
    const expected = `at least ${check.minNodes} nodes, every node Ready`;
    if (!nodes.ok) return apiError(expected, nodes, "nodes");
    const notReady = nodes.value.filter((n) => !nodeStatus(n).startsWith("Ready"));
    const ready = nodes.value.length - notReady.length;
    const cordoned = nodes.value.filter((n) => n.spec?.unschedulable).map((n) => n.metadata?.name);
    const items = [evidence("kubectl get nodes", nodesTable(nodes.value))];
    if (cordoned.length) items.push(evidence("Note", `Cordoned (SchedulingDisabled): ${cordoned.join(", ")}. Run \`kubectl uncordon\` when a drain exercise is over.`));
    const actual = `${ready} of ${nodes.value.length} nodes Ready`;
    return verdict(notReady.length === 0 && nodes.value.length >= check.minNodes ? "pass" : "fail", expected, actual, items);
  },
});
