import "server-only";
import crypto from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/** How long a download command works after it is shown. */
export const PACK_TOKEN_TTL_SECONDS = 10 * 60;

export type PackTokenClaims = { userId: string; teamId: string | null; expiresAt: Date };

// A key of its own, derived from the auth secret, so a download token can never pass for a session.
const key = () => crypto.hkdfSync("sha256", authSecret(), "daybook", "course pack download token v1", 32);
const sign = (payload: string) => crypto.createHmac("sha256", Buffer.from(key())).update(payload).digest("base64url");

/**
 * A signed token rather than a table row: nothing to store or clean up, and checking it needs no
 * query. It cannot be revoked early, so it lives 10 minutes, and every use re-reads the user and
 * their team from the database.
 */
export function signPackToken(userId: string, teamId: string | null, now = Date.now()): { token: string; expiresAt: Date } {
  const exp = Math.floor(now / 1000) + PACK_TOKEN_TTL_SECONDS;
  const payload = Buffer.from(JSON.stringify({ u: userId, t: teamId, e: exp })).toString("base64url");
  return { token: `${payload}.${sign(payload)}`, expiresAt: new Date(exp * 1000) };
}

/** The claims of a genuine, unexpired token; null for anything else. */
export function verifyPackToken(token: string, now = Date.now()): PackTokenClaims | null {
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { u?: unknown; t?: unknown; e?: unknown };
    if (typeof claims.u !== "string" || !(typeof claims.t === "string" || claims.t === null) || typeof claims.e !== "number") return null;
    if (claims.e * 1000 <= now) return null;
    return { userId: claims.u, teamId: claims.t, expiresAt: new Date(claims.e * 1000) };
  } catch {
    return null;
  }
}
