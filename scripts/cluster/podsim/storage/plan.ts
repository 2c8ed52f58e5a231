// What podsim's dynamic provisioner does, as pure decisions over watched objects (the way
// sig-storage-lib-external-provisioner decides): which claims get a new PersistentVolume, what
// that volume looks like, and which of its volumes are released and go.
import type { V1PersistentVolume, V1PersistentVolumeClaim, V1StorageClass } from "@kubernetes/client-node";

export const PROVISIONER = "daybook.local/podsim";
export const PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
/** set on a claim by the controller manager's PV controller once it wants an external provisioner */
const STORAGE_PROVISIONER = ["volume.kubernetes.io/storage-provisioner", "volume.beta.kubernetes.io/storage-provisioner"];
const SELECTED_NODE = "volume.kubernetes.io/selected-node";

export type ClaimDecision =
  | { kind: "provision"; volume: V1PersistentVolume }
  /** the claim is ours but cannot be provisioned: the reason goes into a ProvisioningFailed Event */
  | { kind: "refuse"; reason: string }
  | { kind: "skip" };

export function classOf(claim: V1PersistentVolumeClaim): string | undefined {
  return claim.spec?.storageClassName ?? claim.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"];
}

/** The volume's name: one per claim, so a repeated create is a harmless conflict. */
export const volumeNameFor = (claim: V1PersistentVolumeClaim) => `pvc-${claim.metadata?.uid}`;

export function decideClaim(claim: V1PersistentVolumeClaim, classes: (name: string) => V1StorageClass | undefined,
  hostPathOf: (volumeName: string) => string): ClaimDecision {
  if (claim.metadata?.deletionTimestamp || claim.spec?.volumeName || claim.status?.phase !== "Pending") return { kind: "skip" };
  const className = classOf(claim);
  const storageClass = className ? classes(className) : undefined;
  if (!className || storageClass?.provisioner !== PROVISIONER) return { kind: "skip" };
  const annotations = claim.metadata?.annotations ?? {};
  // The PV controller first tries to bind an existing volume; it asks for provisioning only when none fits.
  if (!STORAGE_PROVISIONER.some((key) => annotations[key] === PROVISIONER)) return { kind: "skip" };
  if (storageClass.volumeBindingMode === "WaitForFirstConsumer" && !annotations[SELECTED_NODE]) return { kind: "skip" };
  if (claim.spec?.selector) return { kind: "refuse", reason: "claim Selector is not supported" };
  if (claim.spec?.dataSource || claim.spec?.dataSourceRef) return { kind: "refuse", reason: "data sources (snapshots, clones) are not supported by podsim's provisioner" };
  const name = volumeNameFor(claim);
  return {
    kind: "provision",
    volume: {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name, annotations: { [PROVISIONED_BY]: PROVISIONER } },
      spec: {
        // the API server requires a claim's storage request
        capacity: { storage: String(claim.spec?.resources?.requests?.storage) },
        accessModes: claim.spec?.accessModes ?? ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? "Delete",
        storageClassName: className,
        volumeMode: claim.spec?.volumeMode ?? "Filesystem",
        ...(storageClass.mountOptions?.length ? { mountOptions: storageClass.mountOptions } : {}),
        hostPath: { path: hostPathOf(name), type: "DirectoryOrCreate" },
        claimRef: {
          apiVersion: "v1", kind: "PersistentVolumeClaim",
          namespace: claim.metadata?.namespace, name: claim.metadata?.name, uid: claim.metadata?.uid,
          resourceVersion: claim.metadata?.resourceVersion,
        },
      },
    },
  };
}

/** A volume this provisioner made, released by its claim, with reclaim policy Delete: it goes. */
export function isReleasedOwnVolume(volume: V1PersistentVolume): boolean {
  return volume.metadata?.annotations?.[PROVISIONED_BY] === PROVISIONER && !volume.metadata?.deletionTimestamp &&
    volume.spec?.persistentVolumeReclaimPolicy === "Delete" && (volume.status?.phase === "Released" || volume.status?.phase === "Failed");
}
