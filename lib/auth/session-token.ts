import { decode, encode, type JWT } from "next-auth/jwt";
import type { Env } from "@/lib/db/config";
import { authConfig } from "./config";
import { BoundedCache } from "./bounded-cache";

/** What a session cookie proves: who signed in, with which session version, until when. */
export type SessionClaims = { uid: string; sv: number; iat: number; exp: number };

type CookieReader = { get(name: string): { value: string } | undefined; getAll(): { name: string; value: string }[] };

const MAX_AGE = authConfig.session.maxAge;
/** A session is re-issued (its 12 hours restart) at most this often, not on every request as Auth.js's handler does. */
export const ROLL_AFTER_SECONDS = 60 * 60;

// Decrypting a token costs a key derivation and a JWE decryption; a verified token's claims are kept until
// it expires. Keyed by the whole token, so only a cookie this process decrypted itself can ever hit.
const verified = new BoundedCache<string, SessionClaims>(5_000);

/** The session cookie's name (and the token's salt), as Auth.js picks it: secure when the app's URL is HTTPS. */
export function sessionCookieName(forwardedProto: string | null, env: Env = process.env): string {
  const url = env.AUTH_URL ?? env.NEXTAUTH_URL;
  const secure = url ? new URL(url).protocol === "https:" : (forwardedProto ?? "https").replace(/:$/, "") === "https";
  return `${secure ? "__Secure-" : ""}authjs.session-token`;
}

/** The token, joined from Auth.js's chunks (`name.0`, `name.1`, …) when it was too long for one cookie. */
function readToken(cookies: CookieReader, name: string): string | null {
  const whole = cookies.get(name)?.value;
  if (whole) return whole;
  return chunkedToken(cookies, name);
}

function chunkedToken(cookies: CookieReader, name: string): string | null {
  const chunks = cookies
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

/**
 * The claims of a valid, unexpired session cookie, or null. This proves the cookie was issued by this
 * app; whether the session still holds (signed out since, role changed) is the actor lookup's question.
 */
export async function readSessionClaims(cookies: CookieReader, cookieName: string, now = Date.now() / 1000): Promise<SessionClaims | null> {
  const token = readToken(cookies, cookieName);
  if (!token) return null;
  const known = verified.get(token);
  if (known) {
    if (known.exp > now) return known;
    verified.delete(token);
    return null;
  }
  let payload: JWT | null;
  try {
    payload = await decode({ token, secret: authConfig.secret, salt: cookieName });
  } catch {
    return null;
  }
  if (!payload || typeof payload.uid !== "string" || typeof payload.exp !== "number" || typeof payload.iat !== "number" || payload.exp <= now) return null;
  const claims: SessionClaims = { uid: payload.uid, sv: typeof payload.sv === "number" ? payload.sv : -1, iat: payload.iat, exp: payload.exp };
  verified.set(token, claims);
  return claims;
}

/** A fresh token for the same session when the current one is older than ROLL_AFTER_SECONDS, else null. */
export async function rolledSessionToken(cookies: CookieReader, cookieName: string, now = Date.now() / 1000): Promise<{ value: string; maxAge: number } | null> {
  const claims = await readSessionClaims(cookies, cookieName, now);
  if (!claims || now - claims.iat < ROLL_AFTER_SECONDS) return null;
  // A chunked token (never this app's small one) is left to Auth.js, which knows how to re-chunk it.
  const token = cookies.get(cookieName)?.value;
  if (!token) return null;
  const payload = await decode({ token, secret: authConfig.secret, salt: cookieName });
  if (!payload) return null;
  const { iat: _iat, exp: _exp, jti: _jti, ...rest } = payload;
  return { value: await encode({ token: rest, secret: authConfig.secret, salt: cookieName, maxAge: MAX_AGE }), maxAge: MAX_AGE };
}
