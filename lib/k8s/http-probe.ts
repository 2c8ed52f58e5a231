import "server-only";
import http from "node:http";
import net from "node:net";
import type { KubeConfig } from "@kubernetes/client-node";
import { openPortForward, type PortForwardRequest } from "./port-forward";
import { failure, ok, type K8sResult } from "./result";

export type HttpProbe = PortForwardRequest & { path: string; timeoutMs?: number; maxBodyBytes?: number };
export type HttpAnswer = { status: number; headers: Record<string, string>; body: string; latencyMs: number; truncated: boolean };

function get(url: string, socket: net.Socket, timeoutMs: number, maxBytes: number): Promise<HttpAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs, headers: { "user-agent": "daybook-check", connection: "close" }, createConnection: () => socket }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      let truncated = false;
      res.on("data", (c: Buffer) => {
        if (bytes < maxBytes) chunks.push(c.subarray(0, maxBytes - bytes));
        truncated ||= bytes + c.length > maxBytes;
        bytes += c.length;
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
          body: Buffer.concat(chunks).toString("utf8"),
          latencyMs: Math.round(performance.now() - started),
          truncated,
        }),
      );
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}

function connected(url: string, timeoutMs: number): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port), timeout: timeoutMs });
    socket.once("connect", () => {
      socket.setTimeout(0);
      // A tunnel that fails closes the socket; the request then reports it, and no error goes unheard meanwhile.
      socket.on("error", () => undefined);
      resolve(socket);
    });
    socket.once("timeout", () => socket.destroy(new Error("timed out")));
    socket.once("error", reject);
  });
}

/** `kubectl port-forward pod/P L:PORT` + `curl localhost:L/PATH`: one GET through a fresh port-forward. */
export async function httpGetThroughPod(kc: KubeConfig, probe: HttpProbe): Promise<K8sResult<HttpAnswer>> {
  const forward = await openPortForward(kc, probe);
  if (!forward.ok) return forward;
  try {
    const socket = await connected(forward.value.url, probe.timeoutMs ?? 10_000);
    // The answer is timed from the request, once the tunnel is open: the workload's latency, not Daybook's set-up.
    await forward.value.tunnelReady(socket.localPort!);
    return ok(await get(`${forward.value.url}${probe.path}`, socket, probe.timeoutMs ?? 10_000, probe.maxBodyBytes ?? 64 * 1024));
  } catch (error) {
    const why = forward.value.lastFailure();
    if (why) return why;
    const message = error instanceof Error ? error.message : String(error);
    if (/timed out/.test(message)) return failure("timeout", `GET ${probe.path} on pod ${probe.pod}:${probe.port} did not answer within ${Math.round((probe.timeoutMs ?? 10_000) / 1000)} s.`);
    return failure("unreachable", `GET ${probe.path} on pod ${probe.pod}:${probe.port} failed: ${message}`);
  } finally {
    await forward.value.close();
  }
}
