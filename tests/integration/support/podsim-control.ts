/**
 * Restarting the local cluster's podsim in the other CNI mode, for the tests of "the CNI does not
 * enforce NetworkPolicy". Only allowed when no other test run shares the cluster.
 *
 *   podsimRestartAllowed(): boolean
 *       true on the local control plane when this run is the only registered user of the cluster.
 *   restartPodsim(cni: "enforcing" | "none"): void
 *       scripts/cluster/podsim.sh restart with DAYBOOK_PODSIM_CNI=cni; returns once it is ready.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { isLocalControlPlane } from "./cluster";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function podsimRestartAllowed(): boolean {
  const run = process.env.DAYBOOK_TEST_CLUSTER_RUN;
  if (!isLocalControlPlane() || !run) return false;
  const users = `${run}.users`;
  if (!existsSync(users)) return false;
  return readdirSync(users).map(Number).filter((pid) => Number.isInteger(pid) && alive(pid)).length <= 1;
}

export function restartPodsim(cni: "enforcing" | "none"): void {
  const result = spawnSync("bash", [path.join(repoRoot, "scripts/cluster/podsim.sh"), "restart"], {
    cwd: repoRoot, encoding: "utf8", env: { ...process.env, DAYBOOK_PODSIM_CNI: cni }, timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`podsim.sh restart failed: ${result.stderr}`);
}
