/**
 * The local cluster's storage: a default StorageClass whose provisioner is podsim. Claims without a
 * class get it at admission, podsim provisions a hostPath PersistentVolume for each, the controller
 * manager binds them, and a deleted claim takes its volume and the volume's data with it. The
 * course chart's claim binds the same way. (A database keeping its data on such a volume across
 * pod restarts: database.test.ts.)
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { CoreV1Api, StorageV1Api, type V1PersistentVolumeClaim } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCourseDir } from "@/lib/course/load";
import { parseManifests } from "@/lib/pack/manifests";
import { apiErrorCode, createTestNamespace, deleteNamespace, helmBinary, isLocalControlPlane, loadTestKubeConfig, waitFor } from "../support/cluster";
import { applyObjects, boundVolume } from "../support/course-workload";

const kc = loadTestKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const storage = kc.makeApiClient(StorageV1Api);
const run = promisify(execFile);
const PROVISIONER = "daybook.local/podsim";

const claim = (name: string, spec: Partial<NonNullable<V1PersistentVolumeClaim["spec"]>> = {}): V1PersistentVolumeClaim => ({
  metadata: { name }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...spec },
});

const eventsOf = async (namespace: string, name: string) => (await core.listNamespacedEvent({ namespace })).items
  .filter((e) => e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);

describe.runIf(isLocalControlPlane())("podsim's storage: the default StorageClass and its provisioner", () => {
  let ns = "";
  const otherClass = `not-podsim-${Date.now().toString(36)}`;
  beforeAll(async () => {
    ns = await createTestNamespace("podsim-storage");
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns, { wait: true }).catch(() => undefined);
    await storage.deleteStorageClass({ name: otherClass }).catch(() => undefined);
  });

  it("comes with the default StorageClass standard, provisioned by podsim, binding at once", async () => {
    const standard = await storage.readStorageClass({ name: "standard" });
    expect(standard.metadata?.annotations?.["storageclass.kubernetes.io/is-default-class"]).toBe("true");
    expect(standard).toMatchObject({ provisioner: PROVISIONER, reclaimPolicy: "Delete", volumeBindingMode: "Immediate" });
  });

  it("provisions a claim without a class: a hostPath volume of its size and access modes, bound to it, gone with it", async () => {
    await core.createNamespacedPersistentVolumeClaim({ namespace: ns, body: claim("shared", { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "3Gi" } } }) });
    const volume = await boundVolume(kc, ns, "shared");
    const pvc = await core.readNamespacedPersistentVolumeClaim({ name: "shared", namespace: ns });
    expect(pvc.spec?.storageClassName).toBe("standard");
    expect(pvc.status?.capacity?.storage).toBe("3Gi");
    expect(volume.metadata?.annotations?.["pv.kubernetes.io/provisioned-by"]).toBe(PROVISIONER);
    expect(volume.spec).toMatchObject({
      capacity: { storage: "3Gi" }, accessModes: ["ReadWriteMany"], persistentVolumeReclaimPolicy: "Delete", storageClassName: "standard",
      claimRef: { namespace: ns, name: "shared", uid: pvc.metadata?.uid },
    });
    const runDir = process.env.DAYBOOK_TEST_CLUSTER_RUN!;
    const hostPath = volume.spec!.hostPath!.path;
    expect(path.relative(path.join(runDir, "podsim", "volumes"), hostPath)).not.toMatch(/^\.\./);
    expect(existsSync(hostPath)).toBe(true);
    expect(await eventsOf(ns, "shared")).toEqual(expect.arrayContaining([`ProvisioningSucceeded: Successfully provisioned volume ${volume.metadata?.name}`]));

    await core.deleteNamespacedPersistentVolumeClaim({ name: "shared", namespace: ns });
    await waitFor(async () => core.readPersistentVolume({ name: volume.metadata!.name! }).then(() => false, (e: unknown) => apiErrorCode(e) === 404),
      { timeoutMs: 60_000, description: "the released volume deleted" });
    await waitFor(() => !existsSync(hostPath), { description: "the volume's directory removed" });
  });

  it("binds the course chart's database claim (production values: 20Gi, the default class)", async () => {
    const chart = path.join(defaultCourseDir(), "templates");
    const { stdout } = await run(helmBinary(), ["template", "ecommerce-prod", chart, "--namespace", ns, "-f", path.join(defaultCourseDir(), "environments/production/values.yaml"),
      "--show-only", "templates/database.yaml"], { timeout: 60_000 });
    const pvc = parseManifests(stdout).filter((o) => o.kind === "PersistentVolumeClaim");
    expect(pvc.map((o) => o.metadata?.name)).toEqual(["ecommerce-prod-database"]);
    await applyObjects(kc, pvc.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: ns } })));
    const volume = await boundVolume(kc, ns, "ecommerce-prod-database");
    expect(volume.spec).toMatchObject({ capacity: { storage: "20Gi" }, accessModes: ["ReadWriteOnce"], storageClassName: "standard" });
  });

  it("leaves a claim of another provisioner's class Pending, and refuses a claim with a selector", async () => {
    await storage.createStorageClass({ body: { metadata: { name: otherClass }, provisioner: "example.com/absent" } });
    await core.createNamespacedPersistentVolumeClaim({ namespace: ns, body: claim("elsewhere", { storageClassName: otherClass }) });
    await core.createNamespacedPersistentVolumeClaim({ namespace: ns, body: claim("picky", { selector: { matchLabels: { disk: "ssd" } } }) });
    await waitFor(async () => (await eventsOf(ns, "picky")).some((e) => e.startsWith("ProvisioningFailed:") && e.endsWith("claim Selector is not supported")),
      { description: "the selector refused" });
    // the controller manager hands "elsewhere" to its provisioner; podsim has seen that and must leave it
    await waitFor(async () => (await eventsOf(ns, "elsewhere")).some((e) => e.includes("external provisioner 'example.com/absent'")), { description: "ExternalProvisioning" });
    await core.createNamespacedPersistentVolumeClaim({ namespace: ns, body: claim("after") });
    await boundVolume(kc, ns, "after");
    for (const name of ["elsewhere", "picky"]) {
      expect((await core.readNamespacedPersistentVolumeClaim({ name, namespace: ns })).status?.phase).toBe("Pending");
    }
    const claimsWithVolumes = (await core.listPersistentVolume()).items.map((v) => `${v.spec?.claimRef?.namespace}/${v.spec?.claimRef?.name}`);
    expect(claimsWithVolumes).not.toContain(`${ns}/elsewhere`);
    expect(claimsWithVolumes).not.toContain(`${ns}/picky`);
  });
});
