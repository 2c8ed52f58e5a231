import { AppsV1Api, CoreV1Api, type V1Deployment, type V1Pod, type V1ReplicaSet } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNamespace, deleteNamespace, loadTestKubeConfig, waitFor } from "../support/cluster";

const labels = { app: "shop-backend" };

function backendDeployment(image: string): V1Deployment {
  return {
    metadata: { name: "backend", labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: "api", image, ports: [{ containerPort: 8000 }] }] },
      },
    },
  };
}

function isPodReady(pod: V1Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

function rolloutComplete(d: V1Deployment): boolean {
  const s = d.status;
  return (
    (s?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) &&
    s?.updatedReplicas === 2 &&
    s?.replicas === 2 &&
    s?.availableReplicas === 2 &&
    (s?.conditions ?? []).some((c) => c.type === "Available" && c.status === "True")
  );
}

describe("Deployment rollout", () => {
  const kc = loadTestKubeConfig();
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  let namespace = "";

  beforeAll(async () => {
    namespace = await createTestNamespace("cp-deploy");
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace);
  });

  async function ownedReplicaSets(deployment: V1Deployment): Promise<V1ReplicaSet[]> {
    const list = await apps.listNamespacedReplicaSet({ namespace, labelSelector: "app=shop-backend" });
    return list.items.filter((rs) =>
      (rs.metadata?.ownerReferences ?? []).some((o) => o.controller && o.uid === deployment.metadata?.uid),
    );
  }

  it("becomes Available with 2 Running and Ready pods", async () => {
    await apps.createNamespacedDeployment({ namespace, body: backendDeployment("ghcr.io/example/shop-backend:1.0.0") });
    const deployment = await waitFor(
      async () => {
        const d = await apps.readNamespacedDeployment({ name: "backend", namespace });
        return rolloutComplete(d) ? d : undefined;
      },
      { timeoutMs: 60_000, description: "deployment backend to become Available" },
    );
    expect(deployment.status?.readyReplicas).toBe(2);

    const pods = await core.listNamespacedPod({ namespace, labelSelector: "app=shop-backend" });
    expect(pods.items).toHaveLength(2);
    for (const pod of pods.items) {
      expect(pod.status?.phase).toBe("Running");
      expect(isPodReady(pod)).toBe(true);
      expect(pod.spec?.nodeName).toBeTruthy();
    }
  });

  it("rolls out a new ReplicaSet when the image changes", async () => {
    const before = await apps.readNamespacedDeployment({ name: "backend", namespace });
    const [oldReplicaSet] = await ownedReplicaSets(before);
    expect(oldReplicaSet).toBeDefined();

    await apps.patchNamespacedDeployment({
      name: "backend",
      namespace,
      body: [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "ghcr.io/example/shop-backend:1.1.0" }],
    });

    const after = await waitFor(
      async () => {
        const d = await apps.readNamespacedDeployment({ name: "backend", namespace });
        return rolloutComplete(d) && (d.metadata?.generation ?? 0) > (before.metadata?.generation ?? 0) ? d : undefined;
      },
      { timeoutMs: 90_000, description: "rollout of image 1.1.0" },
    );

    const replicaSets = await waitFor(
      async () => {
        const sets = await ownedReplicaSets(after);
        const old = sets.find((rs) => rs.metadata?.uid === oldReplicaSet?.metadata?.uid);
        return sets.length === 2 && (old?.status?.replicas ?? 0) === 0 ? sets : undefined;
      },
      { timeoutMs: 60_000, description: "old ReplicaSet scaled to 0" },
    );
    const current = replicaSets.find((rs) => rs.metadata?.uid !== oldReplicaSet?.metadata?.uid);
    expect(current?.spec?.template?.spec?.containers[0]?.image).toBe("ghcr.io/example/shop-backend:1.1.0");
    expect(current?.status?.readyReplicas).toBe(2);
    expect(current?.metadata?.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");

    const running = await waitFor(
      async () => {
        const pods = await core.listNamespacedPod({ namespace, labelSelector: "app=shop-backend" });
        return pods.items.length === 2 && pods.items.every(isPodReady) ? pods.items : undefined;
      },
      { timeoutMs: 60_000, description: "only the 2 new pods left" },
    );
    expect(running.map((p) => p.spec?.containers[0]?.image)).toEqual([
      "ghcr.io/example/shop-backend:1.1.0",
      "ghcr.io/example/shop-backend:1.1.0",
    ]);
  });
});
