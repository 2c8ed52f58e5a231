import "server-only";
import net from "node:net";
import { PassThrough } from "node:stream";
import { PortForward, type KubeConfig } from "@kubernetes/client-node";
import { toFailure } from "./errors";
import { logRequest } from "./request-log";
import { failure, ok, type K8sFailure, type K8sResult } from "./result";

export type PortForwardRequest = { namespace: string; pod: string; port: number };

export type OpenPortForward = {
  /** http://127.0.0.1:<local port> */
  url: string;
  /** Why the last forwarded connection failed, when one did (the API server's or the node's words). */
  lastFailure(): K8sFailure | undefined;
  /** Connections open now, and the most that were open at once (a load test's concurrency). */
  connections(): { open: number; peak: number };
  /**
   * Settles when the tunnel of the connection made from `localPort` is open through the API server (or has
   * failed), so a probe can time the workload's answer the way curl after `kubectl port-forward` does:
   * without setting up the tunnel.
   */
  tunnelReady(localPort: number): Promise<void>;
  close(): Promise<void>;
};

type Deferred = { promise: Promise<void>; resolve: () => void };
const deferred = (): Deferred => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/**
 * `kubectl port-forward pod/P LOCAL:PORT`: a listener on 127.0.0.1 whose every connection is tunnelled
 * to the pod through the API server (one WebSocket per connection, as client-node supports one port).
 */
export async function openPortForward(kc: KubeConfig, req: PortForwardRequest): Promise<K8sResult<OpenPortForward>> {
  let last: K8sFailure | undefined;
  const sockets = new Set<net.Socket>();
  let peak = 0;
  // By the client's port: either side may come first (the client sees "connect" before the server's accept runs).
  const tunnels = new Map<number, Deferred>();
  const tunnel = (port: number) => tunnels.get(port) ?? tunnels.set(port, deferred()).get(port)!;
  const server = net.createServer((socket) => {
    const clientPort = socket.remotePort ?? 0;
    const opened = tunnel(clientPort);
    sockets.add(socket);
    peak = Math.max(peak, sockets.size);
    socket.on("close", () => {
      sockets.delete(socket);
      opened.resolve();
      tunnels.delete(clientPort);
    });
    // A client that closed its end before the pod's answer arrived: the write fails (EPIPE), which
    // without a listener would be an uncaught exception of the whole server.
    socket.on("error", () => socket.destroy());
    const errors = new PassThrough();
    errors.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8").trim();
      if (text) last = failure("unreachable", `Port ${req.port} of pod ${req.pod} refused the connection: ${text}`);
      socket.destroy();
    });
    logRequest("PORTFORWARD", `${kc.getCurrentCluster()?.server}/api/v1/namespaces/${req.namespace}/pods/${req.pod}/portforward`);
    new PortForward(kc, true)
      .portForward(req.namespace, req.pod, [req.port], socket, errors, socket)
      .then((ws) => {
        ws.on("close", () => socket.end());
        socket.on("close", () => ws.close());
        opened.resolve();
      })
      .catch((error: unknown) => {
        last = explainUpgradeFailure(error, req);
        socket.destroy();
        opened.resolve();
      });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
  } catch (error) {
    return toFailure(error);
  }
  const { port } = server.address() as net.AddressInfo;
  return ok({
    url: `http://127.0.0.1:${port}`,
    lastFailure: () => last,
    connections: () => ({ open: sockets.size, peak }),
    tunnelReady: (localPort) => tunnel(localPort).promise,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}

// The ws library reports a refused upgrade as "Unexpected server response: 403".
function explainUpgradeFailure(error: unknown, req: PortForwardRequest): K8sFailure {
  const message = error instanceof Error ? error.message : String(error);
  const status = /Unexpected server response: (\d+)/.exec(message)?.[1];
  if (status === "403") return failure("forbidden", `Daybook's identity may not port-forward to pods in ${req.namespace} (needs get and create on pods/portforward).`, { status: 403 });
  if (status === "404") return failure("notFound", `Pod ${req.pod} no longer exists in ${req.namespace}.`, { status: 404 });
  if (status) return failure("server", `The API server refused the port-forward (HTTP ${status}).`, { status: Number(status) });
  return toFailure(error);
}
