import fs from "node:fs";
import path from "node:path";
import type { V1ResourceAttributes, V1ResourceRule } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { defaultCourseDir } from "@/lib/course/load";
import { CHART_DIR, listFiles, MANIFEST_DIRS } from "@/lib/pack/inventory";
import { loadManifests, type ManifestObject } from "@/lib/pack/manifests";
import { ruleAllows, rulesAllow } from "./rbac-rules";
import {
  accessReviewsToSend,
  APPLIED_KINDS,
  CLUSTER_SCOPED_APPLIED_KINDS,
  clusterRequirements,
  formatMissingPermissions,
  missingPermissions,
  namespaceRequirements,
  type AccessReviewResult,
} from "./required-access";
import { guideObjects } from "./service-account-guide";

const NS = "atlas";
const courseDir = defaultCourseDir();
const courseObjects = (): ManifestObject[] =>
  MANIFEST_DIRS.flatMap((dir) => listFiles(path.join(courseDir, dir)).map((file) => loadManifests(file, courseDir))).flat();

/** The rules of the Role the service-account guide creates, as a rules review would list them. */
const guideRoleRules = (): V1ResourceRule[] =>
  (guideObjects(NS).find((object) => object.kind === "Role") as { rules: V1ResourceRule[] }).rules;

const answerAll = (allowed: (attributes: V1ResourceAttributes) => boolean): AccessReviewResult[] =>
  accessReviewsToSend(NS).map((attributes) => ({ attributes, status: { allowed: allowed(attributes) } }));

describe("what the course needs", () => {
  it("covers every kind the course applies (manifests, monitoring and the Helm chart)", () => {
    const chartKinds = listFiles(path.join(courseDir, CHART_DIR)).flatMap((file) =>
      [...fs.readFileSync(file, "utf8").matchAll(/^kind:\s*(\w+)/gm)].map((match) => match[1]!),
    );
    const kinds = new Set([...courseObjects().map((object) => object.kind), ...chartKinds]);
    expect(kinds.size).toBeGreaterThan(10);
    const known = new Set<string>([...Object.keys(APPLIED_KINDS), ...CLUSTER_SCOPED_APPLIED_KINDS]);
    expect([...kinds].filter((kind) => !known.has(kind))).toEqual([]);
  });

  it("holds everything the course's own Roles grant, because RBAC refuses to create a Role granting more", () => {
    const courseRoles = courseObjects().filter((object) => object.kind === "Role") as Array<ManifestObject & { rules: V1ResourceRule[] }>;
    expect(courseRoles.length).toBeGreaterThan(0);
    const ours = guideRoleRules();
    const notHeld = courseRoles.flatMap((role) =>
      role.rules.flatMap((rule) =>
        (rule.apiGroups ?? []).flatMap((apiGroup) =>
          (rule.resources ?? []).flatMap((resource) =>
            rule.verbs
              .filter((verb) => !rulesAllow(ours, { verb, apiGroup, resource }))
              .map((verb) => `${role.metadata.name}: ${verb} ${apiGroup}/${resource}`),
          ),
        ),
      ),
    );
    expect(notHeld).toEqual([]);
  });

  it("asks for get and create on the WebSocket subresources", () => {
    const verbs = (resource: string) => namespaceRequirements().find((need) => need.resource === resource)?.verbs;
    expect(verbs("pods/exec")).toEqual(["get", "create"]);
    expect(verbs("pods/portforward")).toEqual(["get", "create"]);
  });

  it("lists one access review per cluster-scoped verb, the team Namespace by name", () => {
    const reviews = accessReviewsToSend(NS);
    expect(reviews).toHaveLength(clusterRequirements(NS).reduce((sum, need) => sum + need.verbs.length, 0));
    expect(reviews).toContainEqual({ verb: "patch", group: "", resource: "namespaces", namespace: "", name: NS });
    expect(reviews).toContainEqual({ verb: "create", group: "", resource: "pods", subresource: "eviction", namespace: "" });
    expect(reviews).toContainEqual({ verb: "create", group: "authorization.k8s.io", resource: "subjectaccessreviews", namespace: "" });
    const withNamespaced = accessReviewsToSend(NS, { includeNamespaced: true });
    expect(withNamespaced).toContainEqual({ verb: "create", group: "", resource: "pods", subresource: "exec", namespace: NS });
    expect(withNamespaced.length).toBeGreaterThan(reviews.length + 50);
  });
});

describe("RBAC rule matching", () => {
  const rule = (rule: Partial<V1ResourceRule>): V1ResourceRule => ({ verbs: ["get"], apiGroups: [""], resources: ["pods"], ...rule });
  it("matches verbs, groups, resources and names like the RBAC authorizer", () => {
    expect(ruleAllows(rule({}), { verb: "get", apiGroup: "", resource: "pods" })).toBe(true);
    expect(ruleAllows(rule({}), { verb: "list", apiGroup: "", resource: "pods" })).toBe(false);
    expect(ruleAllows(rule({}), { verb: "get", apiGroup: "apps", resource: "pods" })).toBe(false);
    expect(ruleAllows(rule({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }), { verb: "create", apiGroup: "apps", resource: "deployments" })).toBe(true);
    expect(ruleAllows(rule({ resourceNames: ["atlas"] }), { verb: "get", apiGroup: "", resource: "pods", name: "atlas" })).toBe(true);
    expect(ruleAllows(rule({ resourceNames: ["atlas"] }), { verb: "get", apiGroup: "", resource: "pods" })).toBe(false);
  });

  it("does not let a resource cover its subresources, except through */sub and *", () => {
    const exec = { verb: "get", apiGroup: "", resource: "pods", subresource: "exec" };
    expect(ruleAllows(rule({}), exec)).toBe(false);
    expect(ruleAllows(rule({ resources: ["pods/exec"] }), exec)).toBe(true);
    expect(ruleAllows(rule({ resources: ["*/exec"] }), exec)).toBe(true);
    expect(ruleAllows(rule({ resources: ["*"] }), exec)).toBe(true);
    expect(ruleAllows(rule({ resources: ["pods/log"] }), exec)).toBe(false);
  });
});

describe("missingPermissions", () => {
  it("finds nothing missing for the identity the guide creates", () => {
    const report = missingPermissions({
      teamNamespace: NS,
      rulesReview: { resourceRules: guideRoleRules(), nonResourceRules: [], incomplete: false },
      accessReviews: answerAll(() => true),
    });
    expect(report).toEqual({ missing: [], complete: true, notes: [] });
    expect(formatMissingPermissions(report)).toBe("Every permission the course needs is granted.");
  });

  it("finds nothing missing for cluster-admin's wildcard rules", () => {
    const report = missingPermissions({
      teamNamespace: NS,
      rulesReview: { resourceRules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }], nonResourceRules: [], incomplete: false },
      accessReviews: answerAll(() => true),
    });
    expect(report.missing).toEqual([]);
  });

  it("tells an identity bound to the built-in edit role what it lacks", () => {
    // what kube-apiserver's `edit` ClusterRole gives in a namespace, abridged from a real rules review
    const edit: V1ResourceRule[] = [
      { verbs: ["create", "delete", "deletecollection", "patch", "update"], apiGroups: [""], resources: ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "configmaps", "endpoints", "persistentvolumeclaims", "replicationcontrollers", "secrets", "serviceaccounts", "services", "services/proxy"] },
      { verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "configmaps", "endpoints", "persistentvolumeclaims", "replicationcontrollers", "secrets", "serviceaccounts", "services", "services/proxy", "events", "limitranges", "resourcequotas", "pods/log", "bindings"] },
      { verbs: ["create"], apiGroups: [""], resources: ["pods/eviction"] },
      { verbs: ["*"], apiGroups: ["apps"], resources: ["deployments", "replicasets"] },
      { verbs: ["*"], apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"] },
      { verbs: ["*"], apiGroups: ["policy"], resources: ["poddisruptionbudgets"] },
      { verbs: ["*"], apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"] },
      { verbs: ["get", "list", "watch"], apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"] },
    ];
    const report = missingPermissions({
      teamNamespace: NS,
      rulesReview: { resourceRules: edit, nonResourceRules: [], incomplete: false },
      accessReviews: answerAll((a) => a.resource !== "nodes"),
    });
    const rows = Object.fromEntries(report.missing.map((row) => [`${row.scope}:${row.apiGroup}/${row.resource}`, row.missingVerbs]));
    expect(rows).toEqual({
      "namespace:/resourcequotas": ["create", "update", "patch", "delete"],
      "namespace:/limitranges": ["create", "update", "patch", "delete"],
      "namespace:rbac.authorization.k8s.io/roles": ["get", "list", "watch", "create", "update", "patch", "delete"],
      "namespace:rbac.authorization.k8s.io/rolebindings": ["get", "list", "watch", "create", "update", "patch", "delete"],
      "namespace:autoscaling.k8s.io/verticalpodautoscalers": ["get", "list", "watch", "create", "update", "patch", "delete"],
      "namespace:metrics.k8s.io/pods": ["get", "list"],
      "cluster:/nodes": ["get", "list", "watch", "patch"],
      "cluster:metrics.k8s.io/nodes": ["get", "list"],
    });
    expect(report.complete).toBe(true);
    const text = formatMissingPermissions(report);
    expect(text.split("\n")[0]).toMatch(/^SCOPE\s+RESOURCE\s+MISSING VERBS\s+NEEDED FOR$/);
    expect(text).toMatch(/namespace atlas\s+resourcequotas\s+create,update,patch,delete\s+apply and check the course's ResourceQuota objects/);
    expect(text).toMatch(/cluster\s+nodes\s+get,list,watch,patch\s+kubectl get nodes; cordon and uncordon/);
  });

  it("marks what nobody could decide as unverified instead of missing", () => {
    const report = missingPermissions({
      teamNamespace: NS,
      rulesReview: { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: "webhook authorizer does not support user rule resolution" },
      accessReviews: answerAll(() => true).filter((review) => review.attributes.resource !== "storageclasses"),
    });
    expect(report.complete).toBe(false);
    const deployments = report.missing.find((row) => row.resource === "deployments");
    expect(deployments).toMatchObject({ missingVerbs: [], unverifiedVerbs: ["get", "list", "watch", "create", "update", "patch", "delete"] });
    expect(report.missing.find((row) => row.resource === "storageclasses")).toMatchObject({ scope: "cluster", unverifiedVerbs: ["get", "list"] });
    expect(report.notes).toEqual([
      "The cluster could not list every rule (webhook authorizer does not support user rule resolution); permissions it did not list are shown as unverified.",
    ]);
    expect(formatMissingPermissions(report)).toMatch(/storageclasses\s+get\?,list\?/);
  });

  it("lets access reviews decide namespaced needs when the rules review is incomplete", () => {
    const reviews = accessReviewsToSend(NS, { includeNamespaced: true }).map((attributes) => ({
      attributes,
      status: { allowed: !(attributes.resource === "pods" && attributes.subresource === "exec" && attributes.verb === "create") },
    }));
    const report = missingPermissions({
      teamNamespace: NS,
      rulesReview: { resourceRules: [], nonResourceRules: [], incomplete: true },
      accessReviews: reviews,
    });
    expect(report.missing).toEqual([
      { scope: "namespace", namespace: NS, apiGroup: "", resource: "pods/exec", missingVerbs: ["create"], unverifiedVerbs: [], purpose: "kubectl exec" },
    ]);
    expect(report.complete).toBe(true);
  });

  it("never takes a namespace's rules as proof of cluster-scoped access", () => {
    const report = missingPermissions({
      teamNamespace: NS,
      rulesReview: { resourceRules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }], nonResourceRules: [], incomplete: false },
    });
    expect(report.missing.every((row) => row.scope === "cluster" && row.unverifiedVerbs.length > 0)).toBe(true);
    expect(report.missing).toHaveLength(clusterRequirements(NS).length);
  });
});
