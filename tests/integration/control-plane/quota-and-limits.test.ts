import { CoreV1Api, type V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorCode,
  apiErrorStatus,
  createTestNamespace,
  deleteNamespace,
  loadTestKubeConfig,
  waitFor,
} from "../support/cluster";

function pod(name: string, cpuRequest?: string): V1Pod {
  return {
    metadata: { name },
    spec: {
      containers: [
        {
          name: "app",
          image: "ghcr.io/example/shop-frontend:1.0.0",
          ...(cpuRequest ? { resources: { requests: { cpu: cpuRequest }, limits: { cpu: cpuRequest } } } : {}),
        },
      ],
    },
  };
}

describe("ResourceQuota and LimitRange admission", () => {
  const core = loadTestKubeConfig().makeApiClient(CoreV1Api);
  let namespace = "";

  beforeAll(async () => {
    namespace = await createTestNamespace("cp-quota");
    await core.createNamespacedLimitRange({
      namespace,
      body: {
        metadata: { name: "container-defaults" },
        spec: {
          limits: [
            {
              type: "Container",
              defaultRequest: { cpu: "100m", memory: "64Mi" },
              _default: { cpu: "200m", memory: "128Mi" },
            },
          ],
        },
      },
    });
    await core.createNamespacedResourceQuota({
      namespace,
      body: { metadata: { name: "team-quota" }, spec: { hard: { "requests.cpu": "250m", pods: "5" } } },
    });
    // Quota admission refuses every pod until the quota controller has computed the status.
    await waitFor(
      async () => {
        const quota = await core.readNamespacedResourceQuota({ name: "team-quota", namespace });
        return quota.status?.hard?.["requests.cpu"] !== undefined;
      },
      { timeoutMs: 60_000, description: "ResourceQuota status to be computed" },
    );
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace);
  });

  it("fills default requests and limits from the LimitRange", async () => {
    const created = await core.createNamespacedPod({ namespace, body: pod("defaults") });
    const resources = created.spec?.containers[0]?.resources;
    expect(resources?.requests).toEqual({ cpu: "100m", memory: "64Mi" });
    expect(resources?.limits).toEqual({ cpu: "200m", memory: "128Mi" });
    const annotation = created.metadata?.annotations?.["kubernetes.io/limit-ranger"] ?? "";
    expect(annotation).toContain("LimitRanger plugin set");
  });

  it("rejects a pod that would exceed the quota with 403", async () => {
    let caught: unknown;
    try {
      await core.createNamespacedPod({ namespace, body: pod("too-big", "200m") });
    } catch (error) {
      caught = error;
    }
    expect(apiErrorCode(caught)).toBe(403);
    const status = apiErrorStatus(caught);
    expect(status?.reason).toBe("Forbidden");
    expect(status?.message).toContain("exceeded quota: team-quota");

    const quota = await waitFor(
      async () => {
        const q = await core.readNamespacedResourceQuota({ name: "team-quota", namespace });
        return q.status?.used?.["requests.cpu"] === "100m" ? q : undefined;
      },
      { timeoutMs: 30_000, description: "quota usage of the admitted pod" },
    );
    expect(quota.status?.used?.pods).toBe("1");
  });
});
