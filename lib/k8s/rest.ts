import "server-only";
import https from "node:https";
import { HttpMethod, RequestContext, type KubeConfig } from "@kubernetes/client-node";
import { failureFromResponse, toFailure } from "./errors";
import { logRequest } from "./request-log";
import { ok, type K8sResult } from "./result";

export type RestRequest = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  /** Longer deadlines for calls that wait on the server (e.g. an eviction), in ms. */
  timeoutMs?: number;
};

export type RestResponse = { status: number; text: string };

// node:https directly: node-fetch 2 (client-node's) reports false "Premature close" on reused keep-alive sockets (node-fetch#1767).
function send(ctx: RequestContext): Promise<RestResponse> {
  logRequest(ctx.getHttpMethod(), ctx.getUrl());
  return new Promise((resolve, reject) => {
    const body = ctx.getBody() as string | undefined;
    const req = https.request(ctx.getUrl(), { method: ctx.getHttpMethod(), headers: ctx.getHeaders(), agent: ctx.getAgent() as https.Agent | undefined, signal: ctx.getSignal() }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

export function apiUrl(kc: KubeConfig, path: string, query: RestRequest["query"] = {}): string {
  const server = kc.getCurrentCluster()!.server.replace(/\/$/, "");
  const url = new URL(server + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

/** One authenticated request to the API server; every outcome comes back as data. */
export async function rest(kc: KubeConfig, req: RestRequest): Promise<K8sResult<RestResponse>> {
  try {
    const ctx = new RequestContext(apiUrl(kc, req.path, req.query), (req.method ?? "GET") as HttpMethod);
    if (req.timeoutMs) ctx.setSignal(AbortSignal.timeout(req.timeoutMs));
    await kc.applySecurityAuthentication(ctx);
    ctx.setHeaderParam("Accept", "application/json");
    if (req.body !== undefined) {
      ctx.setHeaderParam("Content-Type", req.contentType ?? "application/json");
      ctx.setBody(typeof req.body === "string" ? req.body : JSON.stringify(req.body));
    }
    const res = await send(ctx);
    if (res.status >= 300) return failureFromResponse(res.status, res.text);
    return ok(res);
  } catch (error) {
    return toFailure(error);
  }
}

/** GET (or another verb) that answers JSON. */
export async function restJson<T>(kc: KubeConfig, req: RestRequest): Promise<K8sResult<T>> {
  const res = await rest(kc, req);
  if (!res.ok) return res;
  try {
    return ok(JSON.parse(res.value.text) as T);
  } catch {
    return { ok: false, kind: "server", message: `The API server answered ${req.path} with something that is not JSON.` };
  }
}
