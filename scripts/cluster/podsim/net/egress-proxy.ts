// The kube-apiserver's "cluster" egress (its EgressSelectorConfiguration points here, HTTP CONNECT
// over a Unix socket): service and pod proxying, kubelet (kwok) and aggregated-API connections.
// Loopback destinations pass through; a pod IP or ClusterIP ends at podsim's listener for that pod,
// subject to NetworkPolicy with the API server as a non-pod source; anything else is refused.
// So nothing the API server proxies ever leaves 127.0.0.0/8. When the policies change, open
// tunnels they no longer allow are cut (the API server keeps its proxy connections alive).
import { rmSync } from "node:fs";
import net from "node:net";
import type { V1Pod } from "@kubernetes/client-node";
import { errorText, log } from "../log";
import type { Simulator } from "../sim";
import { connectionVerdict } from "./network-policy";
import { policyEndpoint } from "./network";

/** how long a dropped connection stays unanswered before it fails (the API server's dial timeout) */
const DROP_TIMEOUT_MS = 30_000;

const isLoopback = (host: string) => host === "localhost" || host.startsWith("127.") || host === "::1";

interface Tunnel {
  pod: V1Pod;
  port: number;
  client: net.Socket;
}

export class EgressProxy {
  private server: net.Server | undefined;
  private readonly tunnels = new Set<Tunnel>();
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly sim: Simulator, readonly socketPath: string) {
    sim.state.onChange((change) => {
      if (change.kind !== "NetworkPolicy" && change.kind !== "Namespace" && change.kind !== "Pod") return;
      for (const tunnel of this.tunnels) if (!this.allowed(tunnel.pod, tunnel.port)) tunnel.client.destroy();
    });
  }

  private allowed(pod: V1Pod, port: number): boolean {
    if (!this.sim.network.enforcesPolicy) return true;
    const current = this.sim.state.pods.get(pod.metadata?.namespace, pod.metadata?.name ?? "") ?? pod;
    return connectionVerdict({
      policies: (namespace) => this.sim.state.networkPolicies.list(namespace),
      namespaceLabels: (namespace) => this.sim.state.namespaceLabels(namespace),
    }, { name: "kube-apiserver", namespace: "", labels: {}, namedPorts: {}, ip: this.sim.config.apiServerIp, hostNetwork: true },
    policyEndpoint(current), port).allowed;
  }

  async start(): Promise<void> {
    rmSync(this.socketPath, { force: true });
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.socketPath, () => resolve());
    });
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private accept(client: net.Socket): void {
    this.sockets.add(client);
    client.once("close", () => this.sockets.delete(client));
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        if (head.length > 8192) client.destroy();
        return;
      }
      client.off("data", onData);
      const match = /^CONNECT (\S+):(\d+) HTTP\/1\.[01]\r\n/.exec(head.subarray(0, end).toString("latin1"));
      if (!match) return void client.end("HTTP/1.1 400 Bad Request\r\n\r\n");
      void this.route(client, match[1]!.replace(/^\[|\]$/g, ""), Number(match[2])).catch((error: unknown) => {
        log("egress proxy failed", { error: errorText(error) });
        client.destroy();
      });
    };
    client.on("data", onData);
    client.on("error", () => client.destroy());
  }

  private async route(client: net.Socket, host: string, port: number): Promise<void> {
    if (isLoopback(host)) return this.tunnel(client, host, port);
    const pod = this.sim.state.podByIp(host);
    const service = pod ? undefined : this.sim.state.serviceByClusterIp(host);
    let target: { pod: V1Pod; port: number } | undefined;
    if (pod) target = { pod, port };
    else if (service) target = this.sim.network.pickEndpoint(service, port);
    if (!target && service) return void client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
    if (!target) {
      log("refused API server egress outside the cluster's pods", { destination: `${host}:${port}` });
      return void client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
    }
    // a dropped SYN: no answer, then the connection fails as a dial timeout would (the API server
    // waits on a CONNECT without a deadline of its own)
    if (!this.allowed(target.pod, target.port)) {
      setTimeout(() => client.destroy(), DROP_TIMEOUT_MS).unref();
      return;
    }
    const localPort = this.sim.runtimeOf(target.pod)?.localPort(target.port);
    if (localPort === undefined) return void client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
    const tunnel = { pod: target.pod, port: target.port, client };
    this.tunnels.add(tunnel);
    client.once("close", () => this.tunnels.delete(tunnel));
    return this.tunnel(client, "127.0.0.1", localPort);
  }

  private tunnel(client: net.Socket, host: string, port: number): void {
    const upstream = net.connect(port, host);
    upstream.once("connect", () => {
      client.write("HTTP/1.1 200 Connection established\r\n\r\n");
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.once("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n"));
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
  }
}
