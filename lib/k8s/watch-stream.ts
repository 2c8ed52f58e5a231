import "server-only";
import https from "node:https";
import { createInterface } from "node:readline";
import { HttpMethod, RequestContext, type KubeConfig } from "@kubernetes/client-node";
import { failureFromResponse, toFailure } from "./errors";
import { logRequest } from "./request-log";
import { apiUrl } from "./rest";
import type { K8sFailure } from "./result";
import type { KubeObject } from "./types";

export type RawWatchEvent = { type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR"; object: KubeObject & { code?: number; message?: string } };

/** How one watch request ended: the server closed it (normal), the resourceVersion is too old, or a failure. */
export type WatchEnd = { end: "closed" } | { end: "gone" } | { end: "aborted" } | { end: "failed"; failure: K8sFailure };

export type WatchStreamRequest = {
  path: string;
  resourceVersion: string;
  timeoutSeconds: number;
  signal: AbortSignal;
  onEvent: (event: RawWatchEvent) => void;
};

/**
 * One watch request (`?watch=1`) over the cluster's pinned keep-alive agent, streamed line by line.
 * The API server ends it after `timeoutSeconds`; a socket silent for a minute longer than that is dead.
 */
export async function watchStream(kc: KubeConfig, req: WatchStreamRequest): Promise<WatchEnd> {
  const url = apiUrl(kc, req.path, { watch: 1, resourceVersion: req.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: req.timeoutSeconds });
  const ctx = new RequestContext(url, HttpMethod.GET);
  // Set first, so the per-request REST deadline (client.ts) does not cut a long-lived watch.
  ctx.setSignal(req.signal);
  try {
    await kc.applySecurityAuthentication(ctx);
  } catch (error) {
    return { end: "failed", failure: toFailure(error) };
  }
  ctx.setHeaderParam("Accept", "application/json");
  logRequest("WATCH", url);
  return new Promise<WatchEnd>((resolve) => {
    let settled = false;
    const finish = (end: WatchEnd) => {
      if (settled) return;
      settled = true;
      resolve(req.signal.aborted ? { end: "aborted" } : end);
    };
    const http = https.request(url, { method: "GET", headers: ctx.getHeaders(), agent: ctx.getAgent() as https.Agent | undefined, signal: req.signal }, (res) => {
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const failure = failureFromResponse(res.statusCode ?? 0, Buffer.concat(chunks).toString("utf8"));
          finish(res.statusCode === 410 ? { end: "gone" } : { end: "failed", failure });
        });
        res.on("error", (error) => finish({ end: "failed", failure: toFailure(error) }));
        return;
      }
      const lines = createInterface({ input: res, crlfDelay: Infinity });
      // readline passes the response's errors on (a cut connection is "aborted"): without a listener they would crash the process.
      lines.on("error", (error) => finish({ end: "failed", failure: toFailure(error) }));
      lines.on("line", (line) => {
        if (!line.trim() || settled) return;
        let event: RawWatchEvent;
        try {
          event = JSON.parse(line) as RawWatchEvent;
        } catch {
          return finish({ end: "failed", failure: { ok: false, kind: "server", message: "The API server sent a watch event that is not JSON." } });
        }
        if (event.type === "ERROR") {
          const code = event.object.code ?? 0;
          finish(code === 410 ? { end: "gone" } : { end: "failed", failure: failureFromResponse(code || 500, JSON.stringify(event.object)) });
          http.destroy();
          return;
        }
        req.onEvent(event);
      });
      res.on("end", () => finish({ end: "closed" }));
      res.on("error", (error) => finish({ end: "failed", failure: toFailure(error) }));
      // A stream cut without its end (the server went away) is a failure: it backs off before reconnecting.
      res.on("close", () => finish(res.complete ? { end: "closed" } : { end: "failed", failure: { ok: false, kind: "unreachable", message: "The watch connection to the API server broke." } }));
    });
    http.setTimeout((req.timeoutSeconds + 60) * 1000, () => http.destroy(new Error("watch timed out")));
    http.on("error", (error) => finish({ end: "failed", failure: toFailure(error) }));
    http.end();
  });
}
