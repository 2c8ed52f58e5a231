import "server-only";
import http from "node:http";
import https from "node:https";
import { checkApiServerAddress, pinnedLookup, PinnedHttpsAgent, type AddressPolicy } from "@/lib/clusters/address-policy";
import type { HttpAnswer } from "@/lib/k8s/http-probe";
import { failure, ok, type K8sResult } from "@/lib/k8s/result";

const MAX_BODY = 64 * 1024;

/**
 * GET a team's public URL (Day 16's production hosts) under the same address policy as API servers, pinned
 * to the address that was checked, without following redirects.
 */
export async function fetchPublicUrl(url: string, policy: AddressPolicy, timeoutMs = 10_000, hostHeader?: string): Promise<K8sResult<HttpAnswer>> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return failure("invalid", `${url} is not a URL.`);
  }
  if (target.protocol !== "https:" && target.protocol !== "http:") return failure("invalid", `Only http(s) URLs can be checked, not ${target.protocol}`);
  const address = await checkApiServerAddress(target, policy);
  if (!address.ok) return failure("forbidden", address.message);
  const started = performance.now();
  return new Promise((resolve) => {
    const options = { timeout: timeoutMs, headers: { "user-agent": "daybook-check", ...(hostHeader ? { host: hostHeader } : {}) } };
    const agent = target.protocol === "https:" ? new PinnedHttpsAgent(address.pinned) : new http.Agent({ lookup: pinnedLookup(address.pinned) });
    const req = (target.protocol === "https:" ? https : http).get(target, { ...options, agent }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on("data", (c: Buffer) => {
        if (bytes < MAX_BODY) chunks.push(c.subarray(0, MAX_BODY - bytes));
        bytes += c.length;
      });
      res.on("end", () => {
        agent.destroy();
        resolve(ok({ status: res.statusCode ?? 0, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks).toString("utf8"), latencyMs: Math.round(performance.now() - started), truncated: bytes > MAX_BODY }));
      });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    req.on("error", (e) => {
      agent.destroy();
      resolve(failure(/no answer/.test(e.message) ? "timeout" : "unreachable", `${target.host}: ${e.message}`));
    });
  });
}
