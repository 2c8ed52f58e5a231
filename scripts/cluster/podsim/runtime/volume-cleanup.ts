// A volume's PostgreSQL data goes when the volume does: a deleted PersistentVolume (or a deleted
// claim that never got one) takes its data directory under $RUN/podsim/volumes with it.
import { rmSync } from "node:fs";
import type { V1PersistentVolumeClaim } from "@kubernetes/client-node";
import { log } from "../log";
import { volumeDataRoot } from "../personalities/postgres";
import type { Simulator } from "../sim";

export function removeDataOfDeletedVolumes(sim: Simulator): void {
  sim.state.onChange((change) => {
    if (change.type !== "delete") return;
    let root: string | undefined;
    if (change.kind === "PersistentVolume") root = volumeDataRoot(sim.config.runDir, { volumeName: change.name });
    if (change.kind === "PersistentVolumeClaim" && !(change.object as V1PersistentVolumeClaim).spec?.volumeName) {
      root = volumeDataRoot(sim.config.runDir, { uid: change.object.metadata?.uid });
    }
    if (!root || [...sim.volumeOwners.keys()].some((dir) => dir.startsWith(`${root}/`) || dir === root)) return;
    rmSync(root, { recursive: true, force: true });
    log("volume data removed", { volume: change.name });
  });
}
