// Vitest globalSetup for integration tests.
// - Reuse mode: DAYBOOK_TEST_KUBECONFIG=/path (or KUBECONFIG with DAYBOOK_TEST_USE_KUBECONFIG=1)
//   points the tests at an existing cluster (kind, minikube, ...). Nothing is started or stopped.
// - Default: runs scripts/cluster/build.sh (cached) and scripts/cluster/up.sh once per run, and
//   scripts/cluster/down.sh --purge afterwards (skipped with DAYBOOK_KEEP_CLUSTER=1, when the
//   cluster was started by hand, or while another test run on this machine still uses it).
// Exposes to tests: process.env.DAYBOOK_TEST_KUBECONFIG_PATH, process.env.DAYBOOK_HELM_BIN,
// DAYBOOK_TEST_LOCAL_CONTROL_PLANE ("1" for the local kwok cluster), DAYBOOK_TEST_EXPECTED_K8S_VERSION,
// DAYBOOK_TEST_METRICS_ENABLED ("1" when the local cluster runs metrics-server),
// DAYBOOK_TEST_CLUSTER_RUN (the local cluster's run dir, for support/podsim-control.ts),
// DAYBOOK_TEST_INGRESS_URL (the local cluster's ingress controller, for support/ingress.ts),
// and the same values through vitest's inject("daybookKubeconfigPath") / inject("daybookHelmBin").
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    daybookKubeconfigPath: string;
    daybookHelmBin: string;
  }
}

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const clusterScripts = path.join(repoRoot, "scripts/cluster");

function runScript(script: string, args: string[] = []): void {
  const started = Date.now();
  const result = spawnSync("bash", [path.join(clusterScripts, script), ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "inherit", "inherit"],
    env: process.env,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    throw new Error(`scripts/cluster/${script} failed (exit ${result.status ?? result.signal}) after ${seconds}s`);
  }
  console.log(`[global-setup] ${script} ${args.join(" ")} took ${seconds}s`);
}

function clusterSetting(variable: string): string {
  const result = spawnSync("bash", ["-c", `source "${clusterScripts}/versions.sh" && printf %s "$${variable}"`], {
    encoding: "utf8",
    env: process.env,
  });
  if (result.status !== 0) throw new Error(`cannot read ${variable} from versions.sh: ${result.stderr}`);
  return result.stdout;
}

function readEnvFile(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) values[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return values;
}

// Test runs on one machine share the local cluster: each registers its PID in `${RUN}.users/`,
// and the last one out stops the cluster. A cluster that was already running with no registered
// run was started by hand and is left alone.
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function otherLiveUsers(usersDir: string): number[] {
  if (!existsSync(usersDir)) return [];
  return readdirSync(usersDir)
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid)
    .filter((pid) => {
      if (isProcessAlive(pid)) return true;
      rmSync(path.join(usersDir, String(pid)), { force: true });
      return false;
    });
}

function reusedKubeconfig(): string | undefined {
  if (process.env.DAYBOOK_TEST_KUBECONFIG) return process.env.DAYBOOK_TEST_KUBECONFIG;
  if (process.env.DAYBOOK_TEST_USE_KUBECONFIG === "1" && process.env.KUBECONFIG) return process.env.KUBECONFIG;
  return undefined;
}

function helmBinaryWithoutOwnCluster(): string {
  if (process.env.DAYBOOK_HELM_BIN) return process.env.DAYBOOK_HELM_BIN;
  const cached = path.join(clusterSetting("CLUSTER_BIN"), "helm");
  return existsSync(cached) ? cached : "helm";
}

interface LocalClusterFacts {
  k8sVersion?: string;
  metricsEnabled?: string;
  ingressUrl?: string;
}

function expose(project: TestProject, kubeconfigPath: string, helmBin: string, local?: LocalClusterFacts): void {
  process.env.DAYBOOK_TEST_LOCAL_CONTROL_PLANE = local ? "1" : "0";
  if (local?.k8sVersion) process.env.DAYBOOK_TEST_EXPECTED_K8S_VERSION = local.k8sVersion;
  // a reused cluster may have metrics-server; tests then check for the metrics.k8s.io API themselves
  if (local) process.env.DAYBOOK_TEST_METRICS_ENABLED = local.metricsEnabled === "1" ? "1" : "0";
  if (local?.ingressUrl) process.env.DAYBOOK_TEST_INGRESS_URL = local.ingressUrl;
  process.env.DAYBOOK_TEST_KUBECONFIG_PATH = kubeconfigPath;
  process.env.DAYBOOK_HELM_BIN = helmBin;
  project.provide("daybookKubeconfigPath", kubeconfigPath);
  project.provide("daybookHelmBin", helmBin);
}

export default function setup(project: TestProject): (() => void) | undefined {
  const reused = reusedKubeconfig();
  if (reused) {
    console.log(`[global-setup] reusing the cluster of ${reused}`);
    expose(project, reused, helmBinaryWithoutOwnCluster());
    return undefined;
  }

  const runDir = clusterSetting("RUN");
  const usersDir = `${runDir}.users`;
  mkdirSync(usersDir, { recursive: true });
  // entries of crashed runs also mark the cluster as test-owned
  const startedByHand =
    existsSync(path.join(runDir, "pids", "kube-apiserver.pid")) && readdirSync(usersDir).length === 0;
  otherLiveUsers(usersDir); // drops entries of runs that died
  const ownEntry = path.join(usersDir, String(process.pid));
  writeFileSync(ownEntry, "");
  runScript("build.sh");
  runScript("up.sh");
  const env = readEnvFile(path.join(runDir, "env"));
  process.env.DAYBOOK_TEST_CLUSTER_RUN = runDir;
  const kubeconfigPath = env.KUBECONFIG ?? path.join(runDir, "kubeconfig");
  expose(project, kubeconfigPath, env.HELM_BIN ?? helmBinaryWithoutOwnCluster(), {
    k8sVersion: env.DAYBOOK_K8S_VERSION,
    metricsEnabled: env.DAYBOOK_METRICS_ENABLED,
    ingressUrl: env.DAYBOOK_INGRESS_URL,
  });

  return () => {
    rmSync(ownEntry, { force: true });
    if (startedByHand || process.env.DAYBOOK_KEEP_CLUSTER === "1") {
      console.log(`[global-setup] leaving the cluster running (KUBECONFIG=${kubeconfigPath})`);
      return;
    }
    const others = otherLiveUsers(usersDir);
    if (others.length > 0) {
      console.log(`[global-setup] leaving the cluster running for other test runs (pids ${others.join(", ")})`);
      return;
    }
    runScript("down.sh", ["--purge"]);
  };
}
