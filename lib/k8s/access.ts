import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { restJson } from "./rest";
import { ok, type K8sResult } from "./result";

export type ResourceAttributes = { namespace?: string; verb: string; group?: string; resource: string; subresource?: string; name?: string };
export type AccessAnswer = { allowed: boolean; denied?: boolean; reason?: string; evaluationError?: string };

type Review = { status?: AccessAnswer };

/** `kubectl auth can-i VERB RESOURCE` for Daybook's own identity. */
export async function canI(kc: KubeConfig, attrs: ResourceAttributes): Promise<K8sResult<AccessAnswer>> {
  const res = await restJson<Review>(kc, {
    method: "POST",
    path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
    body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes: attrs } },
  });
  return res.ok ? ok(res.value.status ?? { allowed: false }) : res;
}

/**
 * `kubectl auth can-i … --as=system:serviceaccount:NS:NAME`, asked as a SubjectAccessReview (needs create on
 * subjectaccessreviews, not impersonate); the service-account groups are passed as impersonation would add them.
 */
export async function canServiceAccount(kc: KubeConfig, serviceAccount: string, attrs: ResourceAttributes): Promise<K8sResult<AccessAnswer>> {
  const [, , ns] = serviceAccount.split(":");
  const res = await restJson<Review>(kc, {
    method: "POST",
    path: "/apis/authorization.k8s.io/v1/subjectaccessreviews",
    body: {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SubjectAccessReview",
      spec: { user: serviceAccount, groups: ["system:serviceaccounts", `system:serviceaccounts:${ns}`, "system:authenticated"], resourceAttributes: attrs },
    },
  });
  return res.ok ? ok(res.value.status ?? { allowed: false }) : res;
}

export type RulesReview = {
  resourceRules: { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
  nonResourceRules?: { verbs: string[]; nonResourceURLs?: string[] }[];
  incomplete?: boolean;
  evaluationError?: string;
};

/** What Daybook's identity may do in one namespace (SelfSubjectRulesReview). */
export async function rulesInNamespace(kc: KubeConfig, namespace: string): Promise<K8sResult<RulesReview>> {
  const res = await restJson<{ status?: RulesReview }>(kc, {
    method: "POST",
    path: "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
    body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", spec: { namespace } },
  });
  return res.ok ? ok(res.value.status ?? { resourceRules: [] }) : res;
}
