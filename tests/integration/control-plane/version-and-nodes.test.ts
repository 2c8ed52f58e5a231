import { CoreV1Api, VersionApi, type V1Node } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { expectedKubernetesVersion, isLocalControlPlane, loadTestKubeConfig, waitFor } from "../support/cluster";

function isNodeReady(node: V1Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

describe("control plane identity", () => {
  it("reports the Kubernetes version it was built with on /version", async () => {
    const info = await loadTestKubeConfig().makeApiClient(VersionApi).getCode();
    const expected = expectedKubernetesVersion();
    if (expected) expect(info.gitVersion).toBe(expected);
    else expect(info.gitVersion).toMatch(/^v1\.\d+\.\d+/);
    expect(info.major).toBe("1");
  });

  it.runIf(isLocalControlPlane())("has 3 kwok nodes that are Ready and schedulable", async () => {
    const core = loadTestKubeConfig().makeApiClient(CoreV1Api);
    const nodes = await waitFor(
      async () => {
        const list = await core.listNode({});
        return list.items.length === 3 && list.items.every(isNodeReady) ? list.items : undefined;
      },
      { timeoutMs: 30_000, description: "3 Ready nodes" },
    );
    for (const node of nodes) {
      expect(node.spec?.unschedulable ?? false).toBe(false);
      expect(node.spec?.taints ?? []).toEqual([]);
      expect(node.status?.addresses?.some((a) => a.type === "InternalIP")).toBe(true);
    }
  });
});
