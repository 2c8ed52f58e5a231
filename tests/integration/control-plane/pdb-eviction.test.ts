import { AppsV1Api, CoreV1Api, PolicyV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorCode,
  apiErrorStatus,
  createTestNamespace,
  deleteNamespace,
  loadTestKubeConfig,
  waitFor,
} from "../support/cluster";

const labels = { app: "shop-db" };

describe("PodDisruptionBudget protects pods from eviction", () => {
  const kc = loadTestKubeConfig();
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const policy = kc.makeApiClient(PolicyV1Api);
  let namespace = "";

  beforeAll(async () => {
    namespace = await createTestNamespace("cp-pdb");
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: "db", labels },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: "postgres", image: "postgres:16" }] } },
        },
      },
    });
    await policy.createNamespacedPodDisruptionBudget({
      namespace,
      body: { metadata: { name: "db-pdb" }, spec: { minAvailable: 2, selector: { matchLabels: labels } } },
    });
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace);
  });

  it("refuses an eviction that would violate the budget with 429", async () => {
    await waitFor(
      async () => {
        const pdb = await policy.readNamespacedPodDisruptionBudget({ name: "db-pdb", namespace });
        const s = pdb.status;
        return s?.observedGeneration === pdb.metadata?.generation && s?.currentHealthy === 2 && s?.disruptionsAllowed === 0;
      },
      { timeoutMs: 60_000, description: "PDB to observe 2 healthy pods" },
    );
    const pods = await core.listNamespacedPod({ namespace, labelSelector: "app=shop-db" });
    const victim = pods.items[0]?.metadata?.name;
    expect(victim).toBeDefined();

    let caught: unknown;
    try {
      await core.createNamespacedPodEviction({
        name: victim ?? "",
        namespace,
        body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: victim, namespace } },
      });
    } catch (error) {
      caught = error;
    }
    expect(apiErrorCode(caught)).toBe(429);
    expect(apiErrorStatus(caught)?.message).toContain("disruption budget");

    const still = await core.readNamespacedPod({ name: victim ?? "", namespace });
    expect(still.metadata?.deletionTimestamp).toBeUndefined();
  });

  it("allows the eviction once the budget permits a disruption", async () => {
    await policy.patchNamespacedPodDisruptionBudget({
      name: "db-pdb",
      namespace,
      body: [{ op: "replace", path: "/spec/minAvailable", value: 1 }],
    });
    await waitFor(
      async () => {
        const pdb = await policy.readNamespacedPodDisruptionBudget({ name: "db-pdb", namespace });
        return pdb.status?.observedGeneration === pdb.metadata?.generation && pdb.status?.disruptionsAllowed === 1;
      },
      { timeoutMs: 60_000, description: "PDB to allow one disruption" },
    );
    const pods = await core.listNamespacedPod({ namespace, labelSelector: "app=shop-db" });
    const victim = pods.items[0]?.metadata?.name ?? "";
    await core.createNamespacedPodEviction({
      name: victim,
      namespace,
      body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: victim, namespace } },
    });
    await waitFor(
      async () => {
        try {
          const pod = await core.readNamespacedPod({ name: victim, namespace });
          return pod.metadata?.deletionTimestamp !== undefined;
        } catch (error) {
          return apiErrorCode(error) === 404;
        }
      },
      { timeoutMs: 30_000, description: `pod ${victim} to be evicted` },
    );
  });
});
