// In-cluster connections from a pod: DNS, Service port -> targetPort -> a ready endpoint pod,
// NetworkPolicy (unless the CNI does not enforce it), and whether anything listens there.
// Nothing here opens a socket to a pod IP: a connection ends at the target pod's podsim listener.
import type { V1Pod, V1Service } from "@kubernetes/client-node";
import type { CniMode } from "../config";
import type { ClusterState } from "../kube/cluster-state";
import { CLUSTER_DNS, resolveHost, type Resolved } from "./cluster-dns";
import { connectionVerdict, type PolicyEndpoint } from "./network-policy";

export interface Listening {
  /** the 127.0.0.1 port podsim listens on for this pod port, if HTTP */
  localPort(port: number): number | undefined;
  /** whether anything in the pod accepts connections on this port */
  accepts(port: number): boolean;
}

export type Connection =
  | { kind: "connected"; pod: V1Pod; port: number; address: string; samePod: boolean }
  | { kind: "unresolvable"; host: string }
  /** the DNS query itself is dropped by a NetworkPolicy */
  | { kind: "dns-timeout"; host: string }
  | { kind: "refused"; address: string }
  | { kind: "dropped"; address: string; reason: string };

export interface NetworkOptions {
  protocol?: "TCP" | "UDP";
}

function namedPorts(pod: V1Pod): Record<string, number> {
  const ports: Record<string, number> = {};
  for (const container of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const port of container.ports ?? []) if (port.name) ports[port.name] = port.containerPort;
  }
  return ports;
}

export function policyEndpoint(pod: V1Pod): PolicyEndpoint & { name: string } {
  return {
    name: pod.metadata?.name ?? "",
    namespace: pod.metadata?.namespace ?? "",
    labels: pod.metadata?.labels ?? {},
    ip: pod.status?.podIP,
    namedPorts: namedPorts(pod),
  };
}

export class Network {
  private readonly roundRobin = new Map<string, number>();

  constructor(
    private readonly state: ClusterState,
    private readonly cni: CniMode,
    private readonly listening: (pod: V1Pod) => Listening | undefined,
  ) {}

  get enforcesPolicy(): boolean {
    return this.cni === "enforcing";
  }

  /** A NetworkPolicy verdict for source -> destination:port (always allowed on a non-enforcing CNI). */
  policyVerdict(source: V1Pod | typeof CLUSTER_DNS, destination: V1Pod | typeof CLUSTER_DNS, port: number, protocol = "TCP") {
    if (!this.enforcesPolicy) return { allowed: true, reason: "the CNI does not enforce NetworkPolicy" };
    const endpoint = (p: V1Pod | typeof CLUSTER_DNS): PolicyEndpoint & { name: string } =>
      ("metadata" in p ? policyEndpoint(p) : p as typeof CLUSTER_DNS);
    return connectionVerdict({
      policies: (namespace) => this.state.networkPolicies.list(namespace),
      namespaceLabels: (namespace) => this.state.namespaceLabels(namespace),
    }, endpoint(source), endpoint(destination), port, protocol);
  }

  /** What a TCP connect() from `source` to host:port would do. */
  connect(source: V1Pod, host: string, port: number, { protocol = "TCP" }: NetworkOptions = {}): Connection {
    const namespace = source.metadata?.namespace ?? "";
    const { resolved, viaDns } = resolveHost(this.state, namespace, host);
    if (viaDns && !this.policyVerdict(source, CLUSTER_DNS, 53, "UDP").allowed) return { kind: "dns-timeout", host };
    if (resolved.kind === "nxdomain") return { kind: "unresolvable", host };
    const target = this.target(source, resolved, port);
    if (target.kind !== "connected") return target;
    if (!target.samePod) {
      const verdict = this.policyVerdict(source, target.pod, target.port, protocol);
      if (!verdict.allowed) return { kind: "dropped", address: target.address, reason: verdict.reason };
    }
    const listening = this.listening(target.pod);
    if (!listening?.accepts(target.port)) return { kind: "refused", address: target.address };
    return target;
  }

  /**
   * Every pod a connection to host:port could land on (all ready endpoints of a Service), with the
   * NetworkPolicy verdict for each: who receives what a client "sends to the Service".
   */
  reachablePods(source: V1Pod, host: string, port: number): V1Pod[] {
    const namespace = source.metadata?.namespace ?? "";
    const { resolved, viaDns } = resolveHost(this.state, namespace, host);
    if (viaDns && !this.policyVerdict(source, CLUSTER_DNS, 53, "UDP").allowed) return [];
    let candidates: Array<{ pod: V1Pod; port: number; samePod: boolean }> = [];
    if (resolved.kind === "self") candidates = [{ pod: source, port, samePod: true }];
    else if (resolved.kind === "pod") candidates = [{ pod: resolved.pod, port, samePod: resolved.pod.metadata?.uid === source.metadata?.uid }];
    else if (resolved.kind === "service") {
      candidates = this.serviceEndpoints(resolved.service, port).map((c) => ({ ...c, samePod: c.pod.metadata?.uid === source.metadata?.uid }));
    }
    return candidates
      .filter((c) => c.samePod || this.policyVerdict(source, c.pod, c.port).allowed)
      .filter((c) => this.listening(c.pod)?.accepts(c.port))
      .map((c) => c.pod);
  }

  private serviceEndpoints(service: V1Service, port: number): Array<{ pod: V1Pod; port: number; ip: string }> {
    const servicePort = service.spec?.ports?.find((p) => p.port === port && (p.protocol ?? "TCP") === "TCP");
    if (!servicePort) return [];
    const namespace = service.metadata?.namespace ?? "";
    const candidates: Array<{ pod: V1Pod; port: number; ip: string }> = [];
    for (const slice of this.state.slicesOf(namespace, service.metadata?.name ?? "")) {
      const slicePort = slice.ports?.find((p) => (p.name ?? "") === (servicePort.name ?? ""));
      if (!slicePort?.port) continue;
      for (const endpoint of slice.endpoints ?? []) {
        if (endpoint.conditions?.ready === false) continue;
        const address = endpoint.addresses[0];
        const pod = endpoint.targetRef?.kind === "Pod"
          ? this.state.pods.get(namespace, endpoint.targetRef.name ?? "")
          : address ? this.state.podByIp(address) : undefined;
        if (pod && address) candidates.push({ pod, port: slicePort.port, ip: address });
      }
    }
    return candidates;
  }

  private target(source: V1Pod, resolved: Exclude<Resolved, { kind: "nxdomain" }>, port: number): Connection {
    switch (resolved.kind) {
      case "self":
        return { kind: "connected", pod: source, port, address: resolved.ip, samePod: true };
      case "pod":
        return { kind: "connected", pod: resolved.pod, port, address: resolved.ip, samePod: resolved.pod.metadata?.uid === source.metadata?.uid };
      case "unknown-ip":
        return { kind: "dropped", address: resolved.ip, reason: `no route to ${resolved.ip}` };
      case "service":
        return this.serviceTarget(source, resolved.service, resolved.ip, port);
    }
  }

  /** kube-proxy's choice of a ready endpoint for service:port (round robin), if there is one */
  pickEndpoint(service: V1Service, port: number): { pod: V1Pod; port: number } | undefined {
    const candidates = this.serviceEndpoints(service, port);
    if (candidates.length === 0) return undefined;
    const key = `${service.metadata?.namespace}/${service.metadata?.name}`;
    const index = (this.roundRobin.get(key) ?? 0) % candidates.length;
    this.roundRobin.set(key, index + 1);
    return candidates[index];
  }

  /** kube-proxy: service port -> (endpoint pod, target port); no ready endpoint = REJECT (refused) */
  private serviceTarget(source: V1Pod, service: V1Service, ip: string, port: number): Connection {
    const chosen = this.pickEndpoint(service, port);
    if (!chosen) return { kind: "refused", address: ip };
    return { kind: "connected", pod: chosen.pod, port: chosen.port, address: ip, samePod: chosen.pod.metadata?.uid === source.metadata?.uid };
  }
}
