// networking.k8s.io/v1 NetworkPolicy semantics for one TCP/UDP connection, as an enforcing CNI
// (Calico, Cilium) applies them: allowed only if the source's egress and the destination's ingress
// both allow it. Pure: the caller supplies the policies and the two endpoints.
import type { V1NetworkPolicy, V1NetworkPolicyPeer, V1NetworkPolicyPort } from "@kubernetes/client-node";
import { matchesSelector } from "../pod/selectors";

export interface PolicyEndpoint {
  namespace: string;
  labels: Record<string, string>;
  ip?: string;
  /** the pod's named container ports: name -> number */
  namedPorts: Record<string, number>;
  /** not a pod (the API server's service proxy): only ipBlock peers can match it */
  hostNetwork?: boolean;
}

export interface PolicyWorld {
  policies(namespace: string): readonly V1NetworkPolicy[];
  namespaceLabels(namespace: string): Record<string, string>;
}

export interface Verdict {
  allowed: boolean;
  /** e.g. "egress of ns/pod denied (selected by default-deny-all, no rule allows 10.0.0.5:9090)" */
  reason: string;
}

type Direction = "Ingress" | "Egress";

function policyTypes(policy: V1NetworkPolicy): Direction[] {
  const declared = policy.spec?.policyTypes as Direction[] | undefined;
  if (declared && declared.length > 0) return declared;
  return (policy.spec?.egress?.length ?? 0) > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}

function selecting(world: PolicyWorld, endpoint: PolicyEndpoint, direction: Direction): V1NetworkPolicy[] {
  return world.policies(endpoint.namespace).filter((policy) =>
    policyTypes(policy).includes(direction) && matchesSelector(policy.spec?.podSelector ?? {}, endpoint.labels));
}

function ipToNumber(ip: string): number | undefined {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const address = ipToNumber(ip);
  const network = ipToNumber(base ?? "");
  const bits = Number(bitsText ?? "32");
  if (address === undefined || network === undefined || !Number.isInteger(bits)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((address & mask) >>> 0) === ((network & mask) >>> 0);
}

function peerMatches(world: PolicyWorld, policyNamespace: string, peer: V1NetworkPolicyPeer, other: PolicyEndpoint): boolean {
  if (other.hostNetwork && !peer.ipBlock) return false;
  if (peer.ipBlock) {
    if (!other.ip || !ipInCidr(other.ip, peer.ipBlock.cidr)) return false;
    return !(peer.ipBlock.except ?? []).some((cidr) => ipInCidr(other.ip!, cidr));
  }
  if (peer.namespaceSelector) {
    if (!matchesSelector(peer.namespaceSelector, world.namespaceLabels(other.namespace))) return false;
    return peer.podSelector ? matchesSelector(peer.podSelector, other.labels) : true;
  }
  if (peer.podSelector) {
    return other.namespace === policyNamespace && matchesSelector(peer.podSelector, other.labels);
  }
  return false;
}

function portMatches(rulePorts: V1NetworkPolicyPort[] | undefined, port: number, protocol: string, destination: PolicyEndpoint): boolean {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((rule) => {
    if ((rule.protocol ?? "TCP") !== protocol) return false;
    if (rule.port === undefined) return true;
    const start = typeof rule.port === "number" ? rule.port : /^\d+$/.test(rule.port) ? Number(rule.port) : destination.namedPorts[rule.port];
    if (start === undefined) return false;
    const end = typeof rule.port === "number" && rule.endPort ? rule.endPort : start;
    return port >= start && port <= end;
  });
}

function allows(world: PolicyWorld, policy: V1NetworkPolicy, direction: Direction, other: PolicyEndpoint,
  port: number, protocol: string, destination: PolicyEndpoint): boolean {
  const namespace = policy.metadata?.namespace ?? "";
  const rules = direction === "Ingress"
    // a listed object has client-node's `_from`, a watched one the API's `from`
    ? (policy.spec?.ingress ?? []).map((r) => ({ peers: r._from ?? (r as { from?: V1NetworkPolicyPeer[] }).from, ports: r.ports }))
    : (policy.spec?.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
  return rules.some((rule) =>
    (!rule.peers || rule.peers.length === 0 || rule.peers.some((peer) => peerMatches(world, namespace, peer, other))) &&
    portMatches(rule.ports, port, protocol, destination));
}

const describe = (e: PolicyEndpoint, name: string) => `${e.namespace}/${name}`;

export function connectionVerdict(world: PolicyWorld, source: PolicyEndpoint & { name: string },
  destination: PolicyEndpoint & { name: string }, port: number, protocol = "TCP"): Verdict {
  const egress = selecting(world, source, "Egress");
  if (egress.length > 0 && !egress.some((p) => allows(world, p, "Egress", destination, port, protocol, destination))) {
    return { allowed: false, reason: `egress of ${describe(source, source.name)} to ${describe(destination, destination.name)}:${port} is not allowed by ${egress.map((p) => p.metadata?.name).join(", ")}` };
  }
  const ingress = selecting(world, destination, "Ingress");
  if (ingress.length > 0 && !ingress.some((p) => allows(world, p, "Ingress", source, port, protocol, destination))) {
    return { allowed: false, reason: `ingress of ${describe(destination, destination.name)}:${port} from ${describe(source, source.name)} is not allowed by ${ingress.map((p) => p.metadata?.name).join(", ")}` };
  }
  return { allowed: true, reason: "allowed" };
}
