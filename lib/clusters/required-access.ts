/**
 * What a team's cluster identity must be allowed to do for the course, derived from what the course
 * does (server-side apply of course/k8s-manifests, course/monitoring and the Helm chart; the reads
 * behind the checks; the kubectl-style actions), and the list of access reviews that prove it.
 * Pure: lib/k8s sends the reviews; missingPermissions turns the answers into a short table.
 */
import type { V1ResourceAttributes, V1SubjectAccessReviewStatus, V1SubjectRulesReviewStatus } from "@kubernetes/client-node";
import { rulesAllow } from "./rbac-rules";

export type AccessScope = "namespace" | "cluster";

export interface AccessRequirement {
  scope: AccessScope;
  /** "" is the core group. */
  apiGroup: string;
  /** With a subresource: "pods/exec". */
  resource: string;
  /** Only this object (cluster scope: the team's own Namespace). */
  resourceName?: string;
  verbs: readonly string[];
  purpose: string;
}

/** Server-side apply needs create and patch; Helm also updates and deletes, and the checks list and watch. */
export const MANAGE_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"] as const;
const READ_VERBS = ["get", "list", "watch"] as const;

/** Every kind the course applies, as group and resource. A test keeps this in step with the course files. */
export const APPLIED_KINDS: Readonly<Record<string, { apiGroup: string; resource: string }>> = {
  ConfigMap: { apiGroup: "", resource: "configmaps" },
  Secret: { apiGroup: "", resource: "secrets" },
  Service: { apiGroup: "", resource: "services" },
  PersistentVolumeClaim: { apiGroup: "", resource: "persistentvolumeclaims" },
  ServiceAccount: { apiGroup: "", resource: "serviceaccounts" },
  ResourceQuota: { apiGroup: "", resource: "resourcequotas" },
  LimitRange: { apiGroup: "", resource: "limitranges" },
  Deployment: { apiGroup: "apps", resource: "deployments" },
  PodDisruptionBudget: { apiGroup: "policy", resource: "poddisruptionbudgets" },
  Role: { apiGroup: "rbac.authorization.k8s.io", resource: "roles" },
  RoleBinding: { apiGroup: "rbac.authorization.k8s.io", resource: "rolebindings" },
  NetworkPolicy: { apiGroup: "networking.k8s.io", resource: "networkpolicies" },
  Ingress: { apiGroup: "networking.k8s.io", resource: "ingresses" },
  HorizontalPodAutoscaler: { apiGroup: "autoscaling", resource: "horizontalpodautoscalers" },
  VerticalPodAutoscaler: { apiGroup: "autoscaling.k8s.io", resource: "verticalpodautoscalers" },
};

/** The course's own Namespace object is applied too, but it is cluster-scoped: see clusterRequirements. */
export const CLUSTER_SCOPED_APPLIED_KINDS = ["Namespace"] as const;

const namespaced = (apiGroup: string, resource: string, verbs: readonly string[], purpose: string): AccessRequirement => ({
  scope: "namespace",
  apiGroup,
  resource,
  verbs,
  purpose,
});

export function namespaceRequirements(): AccessRequirement[] {
  return [
    ...Object.entries(APPLIED_KINDS).map(([kind, { apiGroup, resource }]) =>
      namespaced(apiGroup, resource, MANAGE_VERBS, `apply and check the course's ${kind} objects`),
    ),
    namespaced("", "pods", ["get", "list", "watch", "patch"], "check pods; kubectl label pods"),
    namespaced("apps", "replicasets", READ_VERBS, "rollout history and rollout undo"),
    // RBAC only lets an identity create a Role granting what it holds itself (Day 13's prometheus-role).
    namespaced("", "endpoints", READ_VERBS, "Day 13's prometheus-role grants it"),
    namespaced("discovery.k8s.io", "endpointslices", READ_VERBS, "Day 13's prometheus-role grants it"),
    namespaced("", "events", ["list", "watch"], "the events that describe shows"),
    namespaced("", "pods/log", ["get"], "kubectl logs"),
    // WebSocket upgrades are GETs; since AuthorizePodWebsocketUpgradeCreatePermission they also need create.
    namespaced("", "pods/exec", ["get", "create"], "kubectl exec"),
    namespaced("", "pods/portforward", ["get", "create"], "kubectl port-forward (HTTP checks)"),
    namespaced("", "pods/eviction", ["create"], "drain and dry-run evictions against PodDisruptionBudgets"),
    namespaced("", "services/proxy", ["get"], "HTTP checks through a Service's own load balancing"),
    namespaced("metrics.k8s.io", "pods", ["get", "list"], "kubectl top pods"),
  ];
}

export function clusterRequirements(teamNamespace: string): AccessRequirement[] {
  const cluster = (apiGroup: string, resource: string, verbs: readonly string[], purpose: string, resourceName?: string) => ({
    scope: "cluster" as const,
    apiGroup,
    resource,
    verbs,
    purpose,
    ...(resourceName ? { resourceName } : {}),
  });
  return [
    cluster("", "namespaces", ["get", "patch"], "apply and check the team's own Namespace", teamNamespace),
    cluster("", "nodes", ["get", "list", "watch", "patch"], "kubectl get nodes; cordon and uncordon"),
    cluster("storage.k8s.io", "storageclasses", ["get", "list"], "kubectl get storageclass"),
    cluster("apiextensions.k8s.io", "customresourcedefinitions", ["get", "list"], "whether the VPA CRD is installed"),
    cluster("metrics.k8s.io", "nodes", ["get", "list"], "kubectl top nodes"),
    cluster("authorization.k8s.io", "subjectaccessreviews", ["create"], "kubectl auth can-i --as (Day 18)"),
    cluster("", "pods", ["list"], "drain: the pods on a node, in every namespace"),
    cluster("", "pods/eviction", ["create"], "drain: evict the pods on a node, in every namespace"),
    cluster("apps", "daemonsets", ["get"], "drain --ignore-daemonsets"),
  ];
}

export function requiredAccess(teamNamespace: string): AccessRequirement[] {
  return [...namespaceRequirements(), ...clusterRequirements(teamNamespace)];
}

export function splitResource(resource: string): { resource: string; subresource?: string } {
  const [base = resource, subresource] = resource.split("/", 2);
  return subresource ? { resource: base, subresource } : { resource: base };
}

/** The resourceAttributes of one SelfSubjectAccessReview per requirement and verb. */
export function accessReviewAttributes(requirement: AccessRequirement, teamNamespace: string): V1ResourceAttributes[] {
  return requirement.verbs.map((verb) => ({
    verb,
    group: requirement.apiGroup,
    ...splitResource(requirement.resource),
    // "" asks about every namespace (cluster-scoped objects have none).
    namespace: requirement.scope === "namespace" ? teamNamespace : "",
    ...(requirement.resourceName ? { name: requirement.resourceName } : {}),
  }));
}

/**
 * The SelfSubjectAccessReviews lib/k8s should send beside a SelfSubjectRulesReview of the team
 * namespace: the cluster-scoped needs always; the namespaced ones too when the rules review came
 * back incomplete (an authorizer that cannot list rules, such as a webhook).
 */
export function accessReviewsToSend(teamNamespace: string, options: { includeNamespaced?: boolean } = {}): V1ResourceAttributes[] {
  const needs = options.includeNamespaced ? requiredAccess(teamNamespace) : clusterRequirements(teamNamespace);
  return needs.flatMap((requirement) => accessReviewAttributes(requirement, teamNamespace));
}

export interface AccessReviewResult {
  attributes: V1ResourceAttributes;
  /** Absent when the review could not be sent: its verbs count as unverified. */
  status?: V1SubjectAccessReviewStatus;
}

export interface AccessEvidence {
  teamNamespace: string;
  /** SelfSubjectRulesReview status for the team namespace. */
  rulesReview?: V1SubjectRulesReviewStatus;
  accessReviews?: readonly AccessReviewResult[];
}

export interface MissingPermission {
  scope: AccessScope;
  /** The team namespace for namespaced needs; every namespace ("") or none for cluster needs. */
  namespace: string;
  apiGroup: string;
  resource: string;
  resourceName?: string;
  /** The cluster said no. */
  missingVerbs: string[];
  /** Nobody could say: an incomplete rules review, or a review that was not answered. */
  unverifiedVerbs: string[];
  purpose: string;
}

export interface AccessReport {
  missing: MissingPermission[];
  /** True when every needed verb was decided (allowed or denied). */
  complete: boolean;
  notes: string[];
}

const reviewKey = (a: V1ResourceAttributes) =>
  [a.verb, a.group, a.resource, a.subresource, a.namespace, a.name].map((part) => part ?? "").join("|");

type Verdict = "allowed" | "denied" | "unverified";

function verdictFor(
  requirement: AccessRequirement,
  attributes: V1ResourceAttributes,
  reviews: ReadonlyMap<string, AccessReviewResult>,
  rulesReview: V1SubjectRulesReviewStatus | undefined,
): Verdict {
  const review = reviews.get(reviewKey(attributes));
  if (review?.status) return review.status.allowed ? "allowed" : "denied";
  // A rules review lists rules that apply in one namespace, so it cannot answer cluster-scoped needs.
  if (requirement.scope === "cluster" || !rulesReview) return "unverified";
  const allowed = rulesAllow(rulesReview.resourceRules ?? [], {
    verb: attributes.verb ?? "",
    apiGroup: attributes.group ?? "",
    resource: attributes.resource ?? "",
    ...(attributes.subresource ? { subresource: attributes.subresource } : {}),
  });
  if (allowed) return "allowed";
  return rulesReview.incomplete ? "unverified" : "denied";
}

/** Turns a SelfSubjectRulesReview of the team namespace plus access reviews into what is missing. */
export function missingPermissions(evidence: AccessEvidence): AccessReport {
  const reviews = new Map((evidence.accessReviews ?? []).map((review) => [reviewKey(review.attributes), review]));
  const missing: MissingPermission[] = [];
  for (const requirement of requiredAccess(evidence.teamNamespace)) {
    const missingVerbs: string[] = [];
    const unverifiedVerbs: string[] = [];
    for (const attributes of accessReviewAttributes(requirement, evidence.teamNamespace)) {
      const verdict = verdictFor(requirement, attributes, reviews, evidence.rulesReview);
      if (verdict === "denied") missingVerbs.push(attributes.verb ?? "");
      if (verdict === "unverified") unverifiedVerbs.push(attributes.verb ?? "");
    }
    if (missingVerbs.length === 0 && unverifiedVerbs.length === 0) continue;
    missing.push({
      scope: requirement.scope,
      namespace: requirement.scope === "namespace" ? evidence.teamNamespace : "",
      apiGroup: requirement.apiGroup,
      resource: requirement.resource,
      ...(requirement.resourceName ? { resourceName: requirement.resourceName } : {}),
      missingVerbs,
      unverifiedVerbs,
      purpose: requirement.purpose,
    });
  }
  return { missing, complete: missing.every((row) => row.unverifiedVerbs.length === 0), notes: accessNotes(evidence) };
}

function accessNotes(evidence: AccessEvidence): string[] {
  const notes: string[] = [];
  if (!evidence.rulesReview) notes.push("No SelfSubjectRulesReview answer: namespaced permissions were checked by access reviews only.");
  else if (evidence.rulesReview.incomplete) {
    const why = evidence.rulesReview.evaluationError ? ` (${evidence.rulesReview.evaluationError})` : "";
    notes.push(`The cluster could not list every rule${why}; permissions it did not list are shown as unverified.`);
  }
  const errors = new Set((evidence.accessReviews ?? []).map((review) => review.status?.evaluationError).filter(Boolean));
  for (const error of errors) notes.push(`An access review reported: ${error}`);
  return notes;
}

/** "apps/deployments", "pods/exec", "namespaces/ecommerce". */
export function resourceLabel(row: Pick<MissingPermission, "apiGroup" | "resource" | "resourceName">): string {
  const group = row.apiGroup ? `${row.apiGroup}/` : "";
  return `${group}${row.resource}${row.resourceName ? ` "${row.resourceName}"` : ""}`;
}

/** The table as kubectl-like text, for run evidence. */
export function formatMissingPermissions(report: AccessReport): string {
  if (report.missing.length === 0) return "Every permission the course needs is granted.";
  const rows = report.missing.map((row) => [
    row.scope === "namespace" ? `namespace ${row.namespace}` : "cluster",
    resourceLabel(row),
    [...row.missingVerbs, ...row.unverifiedVerbs.map((verb) => `${verb}?`)].join(","),
    row.purpose,
  ]);
  const header = ["SCOPE", "RESOURCE", "MISSING VERBS", "NEEDED FOR"];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < cells.length - 1 ? cell.padEnd(widths[i]!) : cell)).join("   ");
  const legend = report.complete ? [] : ["(verb? = could not be verified)"];
  return [line(header), ...rows.map(line), ...legend, ...report.notes].join("\n");
}
