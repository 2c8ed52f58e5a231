// The dynamic provisioner of StorageClasses with provisioner daybook.local/podsim (up.sh creates
// `standard`, the default): a PersistentVolume per claim the PV controller hands over (hostPath
// under $RUN/podsim/volumes, where podsim's PostgreSQL keeps that volume's data), and released
// volumes of its own deleted (their data goes with them: runtime/volume-cleanup.ts). The
// controller manager binds claim and volume, as with any external provisioner.
import { mkdirSync } from "node:fs";
import { CoreV1Api, type V1PersistentVolumeClaim } from "@kubernetes/client-node";
import { errorText, isNotFound, log } from "../log";
import { volumeDataRoot } from "../personalities/postgres";
import type { Simulator } from "../sim";
import { PROVISIONER, decideClaim, isReleasedOwnVolume } from "./plan";

const DEBOUNCE_MS = 50;
const KINDS = new Set(["PersistentVolumeClaim", "PersistentVolume", "StorageClass"]);

export function startProvisioner(sim: Simulator): { reconcile(): Promise<void> } {
  const core = sim.kubeConfig.makeApiClient(CoreV1Api);
  const inFlight = new Set<string>();
  const refused = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;

  const event = (claim: V1PersistentVolumeClaim, type: "Normal" | "Warning", reason: string, message: string) => {
    const now = new Date();
    return core.createNamespacedEvent({
      namespace: claim.metadata?.namespace ?? "",
      body: {
        metadata: { generateName: `${claim.metadata?.name}.` },
        involvedObject: { apiVersion: "v1", kind: "PersistentVolumeClaim", name: claim.metadata?.name, namespace: claim.metadata?.namespace, uid: claim.metadata?.uid },
        reason, message, type, count: 1, firstTimestamp: now, lastTimestamp: now,
        source: { component: `${PROVISIONER}_podsim` }, reportingComponent: PROVISIONER, reportingInstance: "podsim",
      },
    }).catch(() => undefined);
  };

  const provision = async (claim: V1PersistentVolumeClaim) => {
    const key = `${claim.metadata?.namespace}/${claim.metadata?.name}`;
    const decision = decideClaim(claim, (name) => sim.state.storageClasses.get(undefined, name),
      (volumeName) => volumeDataRoot(sim.config.runDir, { volumeName }));
    if (decision.kind === "skip" || inFlight.has(key)) return;
    // made already; the controller manager has yet to bind it
    if (decision.kind === "provision" && sim.state.volumes.get(undefined, decision.volume.metadata!.name!)) return;
    if (decision.kind === "refuse") {
      if (refused.get(key) === decision.reason) return;
      refused.set(key, decision.reason);
      await event(claim, "Warning", "ProvisioningFailed", `failed to provision volume with StorageClass "${claim.spec?.storageClassName}": ${decision.reason}`);
      return;
    }
    inFlight.add(key);
    try {
      await event(claim, "Normal", "Provisioning", `External provisioner is provisioning volume for claim "${key}"`);
      mkdirSync(decision.volume.spec!.hostPath!.path, { recursive: true });
      await core.createPersistentVolume({ body: decision.volume }).catch((error: unknown) => {
        if ((error as { code?: number }).code !== 409) throw error;
      });
      await event(claim, "Normal", "ProvisioningSucceeded", `Successfully provisioned volume ${decision.volume.metadata!.name}`);
      log("volume provisioned", { claim: key, volume: decision.volume.metadata!.name, size: decision.volume.spec!.capacity!.storage });
    } catch (error) {
      log("provisioning failed", { claim: key, error: errorText(error) });
      await event(claim, "Warning", "ProvisioningFailed", `failed to provision volume: ${errorText(error)}`);
    } finally {
      inFlight.delete(key);
    }
  };

  const reclaim = async (name: string) => {
    if (inFlight.has(name)) return;
    inFlight.add(name);
    try {
      await core.deletePersistentVolume({ name });
      log("released volume deleted", { volume: name });
    } catch (error) {
      if (!isNotFound(error)) log("deleting a released volume failed", { volume: name, error: errorText(error) });
    } finally {
      inFlight.delete(name);
    }
  };

  const reconcile = async () => {
    const claims = sim.state.claims.list();
    for (const key of refused.keys()) if (!claims.some((c) => `${c.metadata?.namespace}/${c.metadata?.name}` === key)) refused.delete(key);
    await Promise.all([
      ...claims.map(provision),
      ...sim.state.volumes.list().filter(isReleasedOwnVolume).map((v) => reclaim(v.metadata?.name ?? "")),
    ]);
  };

  sim.state.onChange((change) => {
    if (!KINDS.has(change.kind)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reconcile(), DEBOUNCE_MS);
  });
  return { reconcile };
}
