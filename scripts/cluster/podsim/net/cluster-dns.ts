// Cluster DNS as CoreDNS answers a pod: the pod's search path (<ns>.svc.cluster.local,
// svc.cluster.local, cluster.local, ndots:5), Service names, headless Services, pod A records.
import type { V1Pod, V1Service } from "@kubernetes/client-node";
import type { ClusterState } from "../kube/cluster-state";

export const CLUSTER_DOMAIN = "cluster.local";

/** The DNS server every pod asks (kubelet --cluster-dns); only used for NetworkPolicy decisions. */
export const CLUSTER_DNS = {
  name: "coredns",
  namespace: "kube-system",
  labels: { "k8s-app": "kube-dns" },
  ip: "10.0.0.10",
  namedPorts: { dns: 53, "dns-tcp": 53 },
};

export type Resolved =
  | { kind: "self"; ip: string }
  | { kind: "service"; service: V1Service; ip: string }
  | { kind: "pod"; pod: V1Pod; ip: string }
  | { kind: "unknown-ip"; ip: string }
  | { kind: "nxdomain" };

export interface Resolution {
  resolved: Resolved;
  /** a DNS query was needed (an IP literal or localhost needs none) */
  viaDns: boolean;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const LOOPBACK = new Set(["localhost", "localhost.localdomain", "127.0.0.1", "::1", "[::1]", "ip6-localhost"]);

function readyPods(state: ClusterState, service: V1Service): V1Pod[] {
  const namespace = service.metadata?.namespace ?? "";
  const pods: V1Pod[] = [];
  for (const slice of state.slicesOf(namespace, service.metadata?.name ?? "")) {
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.conditions?.ready === false) continue;
      const pod = endpoint.targetRef?.kind === "Pod"
        ? state.pods.get(namespace, endpoint.targetRef.name ?? "")
        : endpoint.addresses[0] ? state.podByIp(endpoint.addresses[0]) : undefined;
      if (pod) pods.push(pod);
    }
  }
  return pods;
}

function lookupFqdn(state: ClusterState, fqdn: string, depth: number): Resolved | undefined {
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const labels = fqdn.slice(0, -suffix.length).split(".");
  if (labels.length === 3 && labels[2] === "svc") {
    const service = state.services.get(labels[1], labels[0]!);
    if (!service) return undefined;
    if (service.spec?.type === "ExternalName") {
      const target = (service.spec.externalName ?? "").toLowerCase().replace(/\.$/, "");
      return depth < 4 && target ? lookupFqdn(state, target, depth + 1) : undefined;
    }
    if (service.spec?.clusterIP === "None") {
      const pod = readyPods(state, service)[0];
      return pod?.status?.podIP ? { kind: "pod", pod, ip: pod.status.podIP } : undefined;
    }
    const ip = service.spec?.clusterIP;
    return ip ? { kind: "service", service, ip } : undefined;
  }
  if (labels.length === 3 && labels[2] === "pod") {
    const ip = labels[0]!.replace(/-/g, ".");
    const pod = state.podByIp(ip);
    return pod && pod.metadata?.namespace === labels[1] ? { kind: "pod", pod, ip } : undefined;
  }
  return undefined;
}

export function resolveHost(state: ClusterState, namespace: string, rawHost: string): Resolution {
  const host = rawHost.toLowerCase();
  if (LOOPBACK.has(host) || host.startsWith("127.")) return { resolved: { kind: "self", ip: "127.0.0.1" }, viaDns: false };
  if (IPV4.test(host)) {
    const pod = state.podByIp(host);
    if (pod) return { resolved: { kind: "pod", pod, ip: host }, viaDns: false };
    const service = state.serviceByClusterIp(host);
    if (service) return { resolved: { kind: "service", service, ip: host }, viaDns: false };
    return { resolved: { kind: "unknown-ip", ip: host }, viaDns: false };
  }
  const absolute = host.endsWith(".");
  const name = absolute ? host.slice(0, -1) : host;
  const candidates = absolute || name.split(".").length > 5
    ? [name]
    : [`${name}.${namespace}.svc.${CLUSTER_DOMAIN}`, `${name}.svc.${CLUSTER_DOMAIN}`, `${name}.${CLUSTER_DOMAIN}`, name];
  for (const candidate of candidates) {
    const resolved = lookupFqdn(state, candidate, 0);
    if (resolved) return { resolved, viaDns: true };
  }
  return { resolved: { kind: "nxdomain" }, viaDns: true };
}

