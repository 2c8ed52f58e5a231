import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { accessReviewsToSend, missingPermissions, resourceLabel } from "@/lib/clusters/required-access";
import { canI, rulesInNamespace } from "@/lib/k8s/access";
import { listObjects } from "@/lib/k8s/objects";
import type { Node } from "@/lib/k8s/types";
import { serverVersion } from "@/lib/k8s/version";
import { nodeStatus } from "@/lib/checks/kinds/nodes-ready";

export type PermissionRow = { scope: string; resource: string; verbs: string; purpose: string };

export type ConnectionReport = {
  reachable: boolean;
  problem?: string;
  serverVersion?: string;
  nodesReady?: string;
  nodes?: { name: string; status: string }[];
  /** What the identity may not do that the course needs. */
  missing: PermissionRow[];
  /** What could not be verified (the cluster would not say). */
  unverified: PermissionRow[];
  notes?: string[];
};

/** Server version, nodes and Ready count, and the course's needs against the identity's RBAC. */
export async function testConnection(kc: KubeConfig, namespace: string): Promise<ConnectionReport> {
  const version = await serverVersion(kc);
  if (!version.ok) return { reachable: false, problem: version.message, missing: [], unverified: [] };
  const [nodes, rules] = await Promise.all([listObjects<Node>(kc, { apiVersion: "v1", kind: "Node" }), rulesInNamespace(kc, namespace)]);
  const attributes = accessReviewsToSend(namespace, { includeNamespaced: !rules.ok || rules.value.incomplete === true });
  const reviews = await Promise.all(
    attributes.map(async (a) => {
      const r = await canI(kc, { namespace: a.namespace, verb: a.verb ?? "", group: a.group, resource: a.resource ?? "", subresource: a.subresource, name: a.name });
      return { attributes: a, status: r.ok ? { allowed: r.value.allowed, denied: r.value.denied, reason: r.value.reason, evaluationError: r.value.evaluationError } : undefined };
    }),
  );
  const report = missingPermissions({ teamNamespace: namespace, rulesReview: rules.ok ? { resourceRules: rules.value.resourceRules, nonResourceRules: rules.value.nonResourceRules ?? [], incomplete: rules.value.incomplete ?? false, evaluationError: rules.value.evaluationError } : undefined, accessReviews: reviews });
  const row = (verbs: string[]) => (m: (typeof report.missing)[number]) => ({ scope: m.scope === "namespace" ? `namespace ${m.namespace}` : "cluster", resource: resourceLabel(m), verbs: verbs.join(", "), purpose: m.purpose });
  const list = nodes.ok ? nodes.value.map((n) => ({ name: n.metadata?.name ?? "", status: nodeStatus(n) })) : [];
  return {
    reachable: true,
    serverVersion: version.value.gitVersion,
    nodesReady: nodes.ok ? `${list.filter((n) => n.status.startsWith("Ready")).length}/${list.length}` : undefined,
    nodes: list,
    missing: report.missing.filter((m) => m.missingVerbs.length).map((m) => row(m.missingVerbs)(m)),
    unverified: report.missing.filter((m) => m.unverifiedVerbs.length).map((m) => row(m.unverifiedVerbs)(m)),
    notes: [...report.notes, ...(nodes.ok ? [] : [`Nodes could not be listed: ${nodes.message}`])],
  };
}
