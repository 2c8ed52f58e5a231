/**
 * The local cluster's ingress controller (podsim playing ingress-nginx, docs/control-plane.md).
 *
 *   ingressUrl(): string
 *       Its address, e.g. http://127.0.0.1:18080 (DAYBOOK_INGRESS_URL of the run dir's env file).
 *       Throws on a reused cluster, which has no such address.
 *   httpViaIngress({ host, path, method?, headers?, body?, timeoutMs? }): Promise<IngressAnswer>
 *       One request to that address with `Host: host`, as a client that resolves the Ingress host
 *       to the load balancer sends it (`curl -H 'Host: ecommerce.company.com' http://127.0.0.1:18080/health`).
 *       Redirects are not followed.
 */
import http from "node:http";

export interface IngressAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface IngressRequest {
  host: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export function ingressUrl(): string {
  const url = process.env.DAYBOOK_TEST_INGRESS_URL;
  if (!url) throw new Error("no ingress controller: only the local control plane has one (DAYBOOK_TEST_INGRESS_URL)");
  return url;
}

export function httpViaIngress({ host, path, method = "GET", headers = {}, body, timeoutMs = 30_000 }: IngressRequest): Promise<IngressAnswer> {
  const base = new URL(ingressUrl());
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: base.hostname, port: base.port, path, method, agent: false, timeout: timeoutMs, headers: { ...headers, host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${base.origin}${path} (Host ${host}) within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}
