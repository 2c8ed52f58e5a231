// HTTP from inside a pod (curl, wget, Prometheus scrapes, nginx proxy_pass, the frontend's /api):
// the connection goes through Network.connect, then to the target pod's listener on 127.0.0.1.
// Failures keep their real timing: a dropped SYN waits for the caller's timeout.
import http from "node:http";
import type { V1Pod } from "@kubernetes/client-node";
import type { Connection, Network } from "./network";

/** How long a kernel retries an unanswered SYN before connect() fails (tcp_syn_retries=6). */
export const KERNEL_CONNECT_TIMEOUT_MS = 130_000;
/** glibc resolver: 5 s per try, 2 tries, when the DNS server never answers. */
export const RESOLVER_TIMEOUT_MS = 10_000;

export const PEER_HEADER = "x-podsim-peer";

export interface InPodRequest {
  source: V1Pod;
  url: URL;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** whole request (curl --max-time) */
  timeoutMs?: number;
  /** connect phase only (curl --connect-timeout, nginx proxy_connect_timeout) */
  connectTimeoutMs?: number;
  /** report a timeout at once instead of waiting it out (a background scrape needs only the verdict) */
  skipWaits?: boolean;
}

export type InPodFailure =
  | { kind: "unresolvable"; host: string; afterMs: number }
  | { kind: "refused"; address: string; afterMs: number }
  /** byKernel: the kernel gave up on the SYN (no caller timeout was shorter) */
  | { kind: "timeout"; phase: "resolve" | "connect" | "transfer"; address?: string; afterMs: number; byKernel?: boolean }
  | { kind: "tls"; afterMs: number }
  | { kind: "empty-reply"; afterMs: number };

export interface InPodResponse {
  kind: "response";
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  httpVersion: string;
  body: Buffer;
  address: string;
  afterMs: number;
}

export async function inPodRequest(network: Network, listenerOf: (pod: V1Pod, port: number) => number | undefined,
  request: InPodRequest): Promise<InPodResponse | InPodFailure> {
  let skipped = 0;
  const sleep = async (ms: number) => {
    if (request.skipWaits) {
      skipped += ms;
      return;
    }
    // a timer may fire a millisecond before Date.now() says it is due; the caller reports Date-based times
    const due = Date.now() + ms;
    while (Date.now() < due) await new Promise<void>((resolve) => setTimeout(resolve, due - Date.now()));
  };
  const started = Date.now();
  const elapsed = () => Date.now() - started + skipped;
  const overall = request.timeoutMs ?? Infinity;
  const port = Number(request.url.port || (request.url.protocol === "https:" ? 443 : 80));
  const host = request.url.hostname.replace(/^\[|\]$/g, "");
  const connection: Connection = network.connect(request.source, host, port);

  switch (connection.kind) {
    case "unresolvable":
      return { kind: "unresolvable", host, afterMs: elapsed() };
    case "dns-timeout": {
      const wait = Math.min(overall, RESOLVER_TIMEOUT_MS);
      await sleep(wait);
      return wait < RESOLVER_TIMEOUT_MS ? { kind: "timeout", phase: "resolve", afterMs: elapsed() } : { kind: "unresolvable", host, afterMs: elapsed() };
    }
    case "refused":
      return { kind: "refused", address: connection.address, afterMs: elapsed() };
    case "dropped": {
      const wait = Math.min(overall, request.connectTimeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS);
      await sleep(wait);
      return { kind: "timeout", phase: "connect", address: connection.address, afterMs: elapsed(), byKernel: wait === KERNEL_CONNECT_TIMEOUT_MS };
    }
    case "connected":
      break;
  }
  if (request.url.protocol === "https:") return { kind: "tls", afterMs: elapsed() };
  const localPort = listenerOf(connection.pod, connection.port);
  if (localPort === undefined) return { kind: "empty-reply", afterMs: elapsed() };

  const peer = connection.samePod ? "127.0.0.1" : request.source.status?.podIP ?? "127.0.0.1";
  return new Promise((resolve) => {
    const remaining = overall === Infinity ? undefined : Math.max(1, overall - elapsed());
    const req = http.request({
      host: "127.0.0.1",
      port: localPort,
      method: request.method ?? "GET",
      path: `${request.url.pathname}${request.url.search}`,
      headers: { host: request.url.host, ...request.headers, [PEER_HEADER]: peer },
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({
          kind: "response", status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers: res.headers,
          rawHeaders: res.rawHeaders, httpVersion: res.httpVersion, body: Buffer.concat(chunks),
          address: connection.address, afterMs: elapsed(),
        });
      });
      res.on("error", () => resolve({ kind: "empty-reply", afterMs: elapsed() }));
    });
    const timer = remaining === undefined ? undefined : setTimeout(() => {
      req.destroy();
      resolve({ kind: "timeout", phase: "transfer", address: connection.address, afterMs: elapsed() });
    }, remaining);
    req.on("error", () => {
      clearTimeout(timer);
      resolve({ kind: "empty-reply", afterMs: elapsed() });
    });
    if (request.body) req.write(request.body);
    req.end();
  });
}
