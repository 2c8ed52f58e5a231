import { AuthorizationV1Api, CoreV1Api, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNamespace, deleteNamespace, loadTestKubeConfig, waitFor } from "../support/cluster";

describe("RBAC through SubjectAccessReview", () => {
  const kc = loadTestKubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  const authz = kc.makeApiClient(AuthorizationV1Api);
  let namespace = "";

  beforeAll(async () => {
    namespace = await createTestNamespace("cp-rbac");
    await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: "pod-reader" } } });
    await rbac.createNamespacedRole({
      namespace,
      body: {
        metadata: { name: "read-pods" },
        rules: [{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name: "pod-reader-reads-pods" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "read-pods" },
        subjects: [{ kind: "ServiceAccount", name: "pod-reader", namespace }],
      },
    });
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace);
  });

  async function canServiceAccount(verb: string, resource: string, inNamespace: string): Promise<boolean> {
    const review = await authz.createSubjectAccessReview({
      body: {
        spec: {
          user: `system:serviceaccount:${namespace}:pod-reader`,
          groups: ["system:serviceaccounts", `system:serviceaccounts:${namespace}`, "system:authenticated"],
          resourceAttributes: { namespace: inNamespace, verb, resource },
        },
      },
    });
    return review.status?.allowed === true;
  }

  it("allows what the Role grants", async () => {
    // The RBAC authorizer reads Roles from an informer cache, so the grant can lag a moment.
    await waitFor(() => canServiceAccount("list", "pods", namespace), {
      timeoutMs: 30_000,
      description: "list pods to be allowed",
    });
    expect(await canServiceAccount("get", "pods", namespace)).toBe(true);
  });

  it("denies verbs, resources and namespaces outside the Role", async () => {
    await waitFor(() => canServiceAccount("list", "pods", namespace), { timeoutMs: 30_000 });
    expect(await canServiceAccount("delete", "pods", namespace)).toBe(false);
    expect(await canServiceAccount("list", "secrets", namespace)).toBe(false);
    expect(await canServiceAccount("list", "pods", "default")).toBe(false);
  });
});
