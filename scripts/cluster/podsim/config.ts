// podsim's settings, all from the environment up.sh passes (docs/control-plane.md, "podsim").
import path from "node:path";

export type CniMode = "enforcing" | "none";

export interface PodsimConfig {
  /** $RUN/podsim: url, token, tools, logs, volumes */
  runDir: string;
  kubeconfig: string;
  cni: CniMode;
  /** annotation podsim sets when a pod's containers started; kwok's pod-ready stage waits for it */
  startedAnnotation: string;
  /** where initialised PGlite data directories are cached between runs */
  cacheDir: string;
  nodeBin: string;
  /** the kube-apiserver's address: the source of service-proxy traffic, for NetworkPolicy */
  apiServerIp: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): PodsimConfig {
  const runDir = required(env, "DAYBOOK_PODSIM_RUN");
  const cni = env.DAYBOOK_PODSIM_CNI ?? "enforcing";
  if (cni !== "enforcing" && cni !== "none") throw new Error(`DAYBOOK_PODSIM_CNI must be enforcing or none, not ${cni}`);
  return {
    runDir,
    kubeconfig: required(env, "DAYBOOK_PODSIM_KUBECONFIG"),
    cni,
    startedAnnotation: env.DAYBOOK_PODSIM_STARTED_ANNOTATION ?? "podsim.daybook.dev/started",
    cacheDir: env.DAYBOOK_PODSIM_CACHE ?? path.join(env.HOME ?? runDir, ".cache", "daybook", "podsim"),
    nodeBin: process.execPath,
    apiServerIp: env.DAYBOOK_PODSIM_APISERVER_IP ?? "127.0.0.1",
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set (podsim is started by scripts/cluster/up.sh)`);
  return value;
}
