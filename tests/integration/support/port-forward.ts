/**
 * HTTP through a port-forward to a pod, as `kubectl port-forward` + `curl` do, for integration tests.
 *
 *   forwardPort(kubeConfig, { namespace, pod, port }): Promise<{ localPort: number; close(): Promise<void> }>
 *       A local TCP server on 127.0.0.1 whose every connection is forwarded to the pod's port
 *       through the API server (client-node PortForward, one WebSocket per connection).
 *   httpViaPortForward(kubeConfig, { namespace, pod, port, path, method?, timeoutMs? }): Promise<HttpResult>
 *       One HTTP/1.1 request through a fresh forward. Rejects when the forward fails (nothing
 *       serves that port: the connection is closed without an answer) or on timeout.
 */
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { PortForward, type KubeConfig } from "@kubernetes/client-node";

export interface ForwardTarget {
  namespace: string;
  pod: string;
  port: number;
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export async function forwardPort(kubeConfig: KubeConfig, target: ForwardTarget): Promise<{ localPort: number; close(): Promise<void> }> {
  const forward = new PortForward(kubeConfig, true);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    forward.portForward(target.namespace, target.pod, [target.port], socket, null, socket)
      .then((ws) => {
        const webSocket = ws as { on?: (event: string, cb: () => void) => void; close?: () => void };
        webSocket.on?.("close", () => socket.end());
        socket.on("close", () => webSocket.close?.());
      })
      .catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    localPort: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

export async function httpViaPortForward(kubeConfig: KubeConfig,
  request: ForwardTarget & { path: string; method?: string; timeoutMs?: number }): Promise<HttpResult> {
  const forward = await forwardPort(kubeConfig, request);
  try {
    return await new Promise<HttpResult>((resolve, reject) => {
      const req = http.request({
        host: "127.0.0.1", port: forward.localPort, path: request.path, method: request.method ?? "GET",
        headers: { connection: "close" }, agent: false,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.setTimeout(request.timeoutMs ?? 30_000, () => req.destroy(new Error(`port-forward request to ${request.pod}:${request.port}${request.path} timed out`)));
      req.on("error", reject);
      req.end();
    });
  } finally {
    await forward.close();
  }
}
