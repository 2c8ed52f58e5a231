/**
 * Whether a rule of a SelfSubjectRulesReview covers a request, with the RBAC authorizer's own
 * matching (kubernetes pkg/apis/rbac/v1/evaluation_helpers.go: VerbMatches, APIGroupMatches,
 * ResourceMatches, ResourceNameMatches).
 */
import type { V1ResourceRule } from "@kubernetes/client-node";

export interface ResourceRequest {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  name?: string;
}

const listMatches = (list: readonly string[] | undefined, value: string) =>
  (list ?? []).some((entry) => entry === "*" || entry === value);

function resourceMatches(resources: readonly string[] | undefined, request: ResourceRequest): boolean {
  const combined = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
  return (resources ?? []).some(
    (entry) =>
      entry === "*" ||
      entry === combined ||
      // "*/scale" covers the scale subresource of every resource
      (request.subresource !== undefined && entry === `*/${request.subresource}`),
  );
}

function resourceNameMatches(names: readonly string[] | undefined, request: ResourceRequest): boolean {
  if (!names || names.length === 0) return true;
  return request.name !== undefined && names.includes(request.name);
}

export function ruleAllows(rule: V1ResourceRule, request: ResourceRequest): boolean {
  return (
    listMatches(rule.verbs, request.verb) &&
    listMatches(rule.apiGroups, request.apiGroup) &&
    resourceMatches(rule.resources, request) &&
    resourceNameMatches(rule.resourceNames, request)
  );
}

export const rulesAllow = (rules: readonly V1ResourceRule[], request: ResourceRequest) =>
  rules.some((rule) => ruleAllows(rule, request));
