import type { Env } from "@/lib/db/config";

/**
 * The address a request came from, for per-address throttling. `next start` fills X-Forwarded-For
 * with the socket's address when the request has none; behind DAYBOOK_TRUSTED_PROXIES reverse
 * proxies, the client is that many entries from the right. Without a proxy a client can send the
 * header itself, which is why the per-account limit never depends on the address.
 */
export function clientAddress(headers: Headers, env: Env = process.env): string {
  const hops = Math.max(0, Math.floor(Number(env.DAYBOOK_TRUSTED_PROXIES ?? 0)) || 0);
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const address = chain.length ? chain[Math.max(0, chain.length - 1 - hops)]! : (headers.get("x-real-ip") ?? "unknown");
  return address.replace(/^::ffff:/, "").slice(0, 64).toLowerCase();
}
