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
  /** the native fake-tool binary (tools/shim), when Go built it; otherwise each tool starts Node */
  toolBin: string | undefined;
  /** the kube-apiserver's address: the source of service-proxy traffic, for NetworkPolicy */
  apiServerIp: string;
  /** where the ingress controller listens on 127.0.0.1 */
  ingressPort: number;
  /** the ingress controller pod's IP: the pod CIDR's last address, clear of kwok's allocations from the start */
  ingressPodIp: string;
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
    toolBin: env.DAYBOOK_PODSIM_TOOL_BIN || undefined,
    apiServerIp: env.DAYBOOK_PODSIM_APISERVER_IP ?? "127.0.0.1",
    ingressPort: port(env.DAYBOOK_PODSIM_INGRESS_PORT ?? "18080"),
    ingressPodIp: lastAddress(env.DAYBOOK_PODSIM_POD_CIDR ?? "10.222.0.0/16"),
  };
}

function port(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`DAYBOOK_INGRESS_PORT must be a TCP port, not ${text}`);
  return value;
}

function lastAddress(cidr: string): string {
  const [base = "", bitsText = "32"] = cidr.split("/");
  const octets = base.split(".").map(Number);
  const bits = Number(bitsText);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255) || !Number.isInteger(bits) || bits < 8 || bits > 30) {
    throw new Error(`DAYBOOK_POD_CIDR must be an IPv4 CIDR between /8 and /30, not ${cidr}`);
  }
  const network = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const last = ((network | (2 ** (32 - bits) - 1)) - 1) >>> 0;
  return [24, 16, 8, 0].map((shift) => (last >>> shift) & 255).join(".");
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set (podsim is started by scripts/cluster/up.sh)`);
  return value;
}
