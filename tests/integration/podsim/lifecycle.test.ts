/**
 * podsim as the pods' kubelet/runtime: per-pod kwok rules owned by the pod (gone with it), many
 * pods coming and going at once, the kubelet's waiting states (missing ConfigMap volume, missing
 * Secret key, an init container waiting for its database), and the VPA recommender.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  ApiextensionsV1Api, AppsV1Api, CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type V1Pod,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseManifests } from "@/lib/pack/manifests";
import { apiErrorCode, createTestNamespace, deleteNamespace, isLocalControlPlane, loadTestKubeConfig, waitFor } from "../support/cluster";
import { applyCourseFiles, applyObjects, inPod, readyPods } from "../support/course-workload";
import { httpViaPortForward } from "../support/port-forward";

const kc = loadTestKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const custom = kc.makeApiClient(CustomObjectsApi);
const crds = kc.makeApiClient(ApiextensionsV1Api);
const mergePatch = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);
const KWOK = { group: "kwok.x-k8s.io", version: "v1alpha1" };

const readPod = (namespace: string, name: string) => core.readNamespacedPod({ name, namespace });
const waiting = (pod: V1Pod) => [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]
  .map((s) => s.state?.waiting?.reason ?? (s.state?.running ? "running" : s.state?.terminated?.reason ?? "?"));

describe.runIf(isLocalControlPlane())("podsim runs pods like a kubelet", () => {
  let ns = "";
  beforeAll(async () => {
    ns = await createTestNamespace("podsim-life");
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it("gives each pod a PortForward, Exec and Logs owned by it, and they go with the pod", async () => {
    await core.createNamespacedPod({ namespace: ns, body: { metadata: { name: "web" }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } });
    const [pod] = await readyPods(kc, ns, "", 1);
    const rules = await Promise.all(["portforwards", "execs", "logs"].map((plural) =>
      custom.getNamespacedCustomObject({ ...KWOK, namespace: ns, plural, name: "web" }) as Promise<{ metadata: { ownerReferences: Array<{ kind: string; uid: string }> }; spec: Record<string, unknown> }>));
    for (const rule of rules) expect(rule.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: "Pod", uid: pod!.metadata!.uid })]);
    expect(rules[0]!.spec.forwards).toEqual([{ ports: [80], target: { address: "127.0.0.1", port: expect.any(Number) } }]);
    expect((await httpViaPortForward(kc, { namespace: ns, pod: "web", port: 80, path: "/" })).body).toContain("Welcome to nginx!");
    await core.deleteNamespacedPod({ name: "web", namespace: ns });
    await waitFor(async () => {
      const left = await Promise.all(["portforwards", "execs", "logs"].map((plural) =>
        custom.getNamespacedCustomObject({ ...KWOK, namespace: ns, plural, name: "web" }).then(() => plural, (e: unknown) => (apiErrorCode(e) === 404 ? undefined : plural))));
      return left.every((x) => x === undefined);
    }, { timeoutMs: 60_000, description: "the garbage collector to remove the pod's rules" });
  });

  it("keeps up with pods coming and going fast", async () => {
    await apps.createNamespacedDeployment({ namespace: ns, body: {
      metadata: { name: "burst" },
      spec: { replicas: 20, selector: { matchLabels: { app: "burst" } }, template: { metadata: { labels: { app: "burst" } }, spec: {
        containers: [{ name: "api", image: "ecommerce-backend:v1.0.0" }],
      } } },
    } });
    const scale = (replicas: number) => apps.patchNamespacedDeployment({ name: "burst", namespace: ns, body: { spec: { replicas } } }, mergePatch);
    await scale(0);
    await scale(20);
    await scale(5);
    await scale(20);
    const pods = await readyPods(kc, ns, "app=burst", 20);
    const answers = await Promise.all(pods.slice(0, 5).map((p) => httpViaPortForward(kc, { namespace: ns, pod: p.metadata!.name!, port: 8000, path: "/health" })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    await apps.deleteNamespacedDeployment({ name: "burst", namespace: ns });
    await waitFor(async () => (await core.listNamespacedPod({ namespace: ns, labelSelector: "app=burst" })).items.length === 0,
      { timeoutMs: 60_000, description: "the burst pods gone" });
  });

  it("waits like the kubelet for a missing ConfigMap volume and a missing Secret key, with Events", async () => {
    await core.createNamespacedPod({ namespace: ns, body: { metadata: { name: "needs-config" }, spec: {
      containers: [{ name: "web", image: "nginx:1.27", volumeMounts: [{ name: "conf", mountPath: "/etc/nginx/conf.d" }] }],
      volumes: [{ name: "conf", configMap: { name: "web-conf" } }],
    } } });
    await core.createNamespacedPod({ namespace: ns, body: { metadata: { name: "needs-secret" }, spec: {
      containers: [{ name: "api", image: "ecommerce-backend:v1.0.0", env: [{ name: "DATABASE_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }] }],
    } } });
    await core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: "db" }, stringData: { user: "x" } } });
    await waitFor(async () => waiting(await readPod(ns, "needs-config")).join() === "ContainerCreating", { description: "ContainerCreating" });
    await waitFor(async () => waiting(await readPod(ns, "needs-secret")).join() === "CreateContainerConfigError", { description: "CreateContainerConfigError" });
    expect((await readPod(ns, "needs-secret")).status?.phase).toBe("Pending");
    const expected = [
      { involvedObject: "needs-config", reason: "FailedMount", message: 'MountVolume.SetUp failed for volume "conf" : configmap "web-conf" not found' },
      { involvedObject: "needs-secret", reason: "Failed", message: `Error: couldn't find key password in Secret ${ns}/db` },
    ];
    await waitFor(async () => {
      const list = (await core.listNamespacedEvent({ namespace: ns })).items
        .map((e) => ({ involvedObject: e.involvedObject.name, reason: e.reason, message: e.message }));
      return expected.every((x) => list.some((e) => JSON.stringify(e) === JSON.stringify(x)));
    }, { description: "the kubelet's Events" });

    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "web-conf" }, data: { "site.conf": "server { listen 9000; location / { return 200 'configured'; } }" } } });
    await core.patchNamespacedSecret({ name: "db", namespace: ns, body: { stringData: { password: "s3cret" } } }, mergePatch);
    await readyPods(kc, ns, "", 2);
    expect((await httpViaPortForward(kc, { namespace: ns, pod: "needs-config", port: 9000, path: "/" })).body).toBe("configured");
  });

  it("keeps a pod in Init until its init container's database answers, then logs what the script echoes", async () => {
    await core.createNamespacedPod({ namespace: ns, body: { metadata: { name: "waits-for-db" }, spec: {
      initContainers: [{ name: "init-db", image: "postgres:15-alpine", command: ["sh", "-c",
        'echo "waiting for db"\nuntil pg_isready -h db -p 5432 -t 2; do\n  sleep 2\ndone\necho "database is ready"'] }],
      containers: [{ name: "api", image: "ecommerce-backend:v1.0.0" }],
    } } });
    await waitFor(async () => waiting(await readPod(ns, "waits-for-db")).join() === "running,PodInitializing", { description: "Init:0/1" });
    expect(await inPod(kc, ns, "waits-for-db", "init-db").logs()).toMatch(/^waiting for db\n(db:5432 - no response\n)+$/);

    await applyObjects(kc, [
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "db", namespace: ns }, spec: {
        replicas: 1, selector: { matchLabels: { app: "db" } }, template: { metadata: { labels: { app: "db" } }, spec: {
          containers: [{ name: "pg", image: "postgres:15-alpine", env: [{ name: "POSTGRES_PASSWORD", value: "init-test" }], ports: [{ containerPort: 5432 }] }],
        } } } },
      { apiVersion: "v1", kind: "Service", metadata: { name: "db", namespace: ns }, spec: { selector: { app: "db" }, ports: [{ port: 5432 }] } },
    ]);
    await waitFor(async () => (await readPod(ns, "waits-for-db")).status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
      { timeoutMs: 90_000, description: "the pod Ready once the database answers" });
    expect(await inPod(kc, ns, "waits-for-db", "init-db").logs()).toMatch(/^waiting for db\n(db:5432 - no response\n)+db:5432 - accepting connections\ndatabase is ready\n$/);
  });

  describe("VPA recommender", () => {
    const VPA_CRD = "verticalpodautoscalers.autoscaling.k8s.io";
    let installedHere = false;
    beforeAll(async () => {
      installedHere = await crds.readCustomResourceDefinition({ name: VPA_CRD }).then(() => false, () => true);
      if (installedHere) {
        await applyObjects(kc, parseManifests(readFileSync(path.resolve(import.meta.dirname, "../fixtures/vpa-crd.yaml"), "utf8")));
        await waitFor(async () => (await crds.readCustomResourceDefinition({ name: VPA_CRD })).status?.conditions?.some((c) => c.type === "Established" && c.status === "True"),
          { description: "VPA CRD established" });
      }
    });
    afterAll(async () => {
      if (installedHere) await crds.deleteCustomResourceDefinition({ name: VPA_CRD }).catch(() => undefined);
    });

    it("comes with the cluster: the CRD up.sh installs keeps its x-kubernetes-preserve-unknown-fields", async () => {
      expect(installedHere).toBe(false);
      const crd = await crds.readCustomResourceDefinition({ name: VPA_CRD });
      expect(crd.status?.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: "Established", status: "True" })]));
      const schema = crd.spec.versions[0]!.schema!.openAPIV3Schema!.properties!;
      expect([schema.status!.x_kubernetes_preserve_unknown_fields, schema.spec!.properties!.resourcePolicy!.x_kubernetes_preserve_unknown_fields]).toEqual([true, true]);
    });

    it("recommends from the target's pod requests within the resource policy, as RecommendationProvided", async () => {
      await applyCourseFiles(kc, ns, ["k8s-manifests/02-configmaps.yaml", "k8s-manifests/03-secrets.yaml", "k8s-manifests/07-multi-container-pods.yaml"]);
      await readyPods(kc, ns, "component=backend", 3);
      await waitFor(() => applyCourseFiles(kc, ns, ["k8s-manifests/12-vertical-pod-autoscaler.yaml"]).then(() => true), { timeoutMs: 30_000, description: "VPA applied" });
      type Status = { recommendation?: { containerRecommendations: Array<Record<string, unknown>> }; conditions?: Array<{ type: string; status: string }> };
      const status = await waitFor(async () => {
        const vpa = await custom.getNamespacedCustomObject({ group: "autoscaling.k8s.io", version: "v1", namespace: ns, plural: "verticalpodautoscalers", name: "ecommerce-backend-vpa" }) as { status?: Status };
        return vpa.status?.recommendation ? vpa.status : undefined;
      }, { timeoutMs: 30_000, description: "a recommendation" });
      expect(status.conditions).toEqual([expect.objectContaining({ type: "RecommendationProvided", status: "True" })]);
      expect(status.recommendation!.containerRecommendations).toEqual([{
        containerName: "ecommerce-backend",
        lowerBound: { cpu: "125m", memory: String(128 * 1024 ** 2) },
        target: { cpu: "250m", memory: String(256 * 1024 ** 2) },
        uncappedTarget: { cpu: "250m", memory: String(256 * 1024 ** 2) },
        upperBound: { cpu: "500m", memory: String(512 * 1024 ** 2) },
      }]);
    });
  });
});
