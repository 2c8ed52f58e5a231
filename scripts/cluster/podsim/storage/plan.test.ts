import type { V1PersistentVolume, V1PersistentVolumeClaim, V1StorageClass } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { PROVISIONER, decideClaim, isReleasedOwnVolume } from "./plan";

const standard: V1StorageClass = { metadata: { name: "standard" }, provisioner: PROVISIONER, reclaimPolicy: "Delete", volumeBindingMode: "Immediate" };
const other: V1StorageClass = { metadata: { name: "fast" }, provisioner: "ebs.csi.aws.com" };
const classes = (name: string) => [standard, other].find((c) => c.metadata?.name === name);
const hostPath = (volume: string) => `/run/podsim/volumes/pv-${volume}`;

// the database claim of course/k8s-manifests/04-deployments.yaml after admission and the PV controller
const claim = (changes: { spec?: Partial<NonNullable<V1PersistentVolumeClaim["spec"]>>; annotations?: Record<string, string>; phase?: string } = {}): V1PersistentVolumeClaim => ({
  metadata: {
    name: "ecommerce-database-pvc", namespace: "ecommerce", uid: "6f1c", resourceVersion: "42",
    annotations: { "volume.kubernetes.io/storage-provisioner": PROVISIONER, ...changes.annotations },
  },
  spec: { accessModes: ["ReadWriteOnce"], storageClassName: "standard", resources: { requests: { storage: "10Gi" } }, volumeMode: "Filesystem", ...changes.spec },
  status: { phase: changes.phase ?? "Pending" },
});

describe("podsim's provisioner decisions", () => {
  it("provisions a hostPath volume the size of the request, bound to the claim by claimRef", () => {
    expect(decideClaim(claim(), classes, hostPath)).toEqual({
      kind: "provision",
      volume: {
        apiVersion: "v1", kind: "PersistentVolume",
        metadata: { name: "pvc-6f1c", annotations: { "pv.kubernetes.io/provisioned-by": PROVISIONER } },
        spec: {
          capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"], persistentVolumeReclaimPolicy: "Delete",
          storageClassName: "standard", volumeMode: "Filesystem",
          hostPath: { path: "/run/podsim/volumes/pv-pvc-6f1c", type: "DirectoryOrCreate" },
          claimRef: { apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: "ecommerce", name: "ecommerce-database-pvc", uid: "6f1c", resourceVersion: "42" },
        },
      },
    });
    const shared = decideClaim(claim({ spec: { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "1Gi" } } } }), classes, hostPath);
    expect(shared.kind === "provision" && shared.volume.spec).toMatchObject({ accessModes: ["ReadWriteMany"], capacity: { storage: "1Gi" } });
  });

  it("leaves claims alone that are bound, of another provisioner's class, class-less, or not yet handed over", () => {
    expect(decideClaim(claim({ spec: { volumeName: "pv-1" }, phase: "Bound" }), classes, hostPath).kind).toBe("skip");
    expect(decideClaim(claim({ spec: { storageClassName: "fast" }, annotations: { "volume.kubernetes.io/storage-provisioner": "ebs.csi.aws.com" } }), classes, hostPath).kind).toBe("skip");
    expect(decideClaim(claim({ spec: { storageClassName: undefined } }), classes, hostPath).kind).toBe("skip");
    expect(decideClaim(claim({ spec: { storageClassName: "" } }), classes, hostPath).kind).toBe("skip");
    const { metadata, ...rest } = claim();
    expect(decideClaim({ ...rest, metadata: { ...metadata, annotations: {} } }, classes, hostPath).kind).toBe("skip");
  });

  it("refuses what an external provisioner refuses: a selector, a data source", () => {
    expect(decideClaim(claim({ spec: { selector: { matchLabels: { tier: "db" } } } }), classes, hostPath)).toEqual({ kind: "refuse", reason: "claim Selector is not supported" });
    expect(decideClaim(claim({ spec: { dataSource: { kind: "VolumeSnapshot", name: "s", apiGroup: "snapshot.storage.k8s.io" } } }), classes, hostPath).kind).toBe("refuse");
  });

  it("waits for the scheduler's node with WaitForFirstConsumer", () => {
    const lazy = (name: string) => (name === "standard" ? { ...standard, volumeBindingMode: "WaitForFirstConsumer" } : undefined);
    expect(decideClaim(claim(), lazy, hostPath).kind).toBe("skip");
    expect(decideClaim(claim({ annotations: { "volume.kubernetes.io/selected-node": "kwok-node-0" } }), lazy, hostPath).kind).toBe("provision");
  });

  it("deletes only its own released volumes with reclaim policy Delete", () => {
    const volume = (annotation: string | undefined, policy: string, phase: string): V1PersistentVolume => ({
      metadata: { name: "pvc-1", annotations: annotation ? { "pv.kubernetes.io/provisioned-by": annotation } : {} },
      spec: { persistentVolumeReclaimPolicy: policy }, status: { phase },
    });
    expect(isReleasedOwnVolume(volume(PROVISIONER, "Delete", "Released"))).toBe(true);
    expect(isReleasedOwnVolume(volume(PROVISIONER, "Delete", "Bound"))).toBe(false);
    expect(isReleasedOwnVolume(volume(PROVISIONER, "Retain", "Released"))).toBe(false);
    expect(isReleasedOwnVolume(volume("ebs.csi.aws.com", "Delete", "Released"))).toBe(false);
    expect(isReleasedOwnVolume(volume(undefined, "Delete", "Released"))).toBe(false);
  });
});
