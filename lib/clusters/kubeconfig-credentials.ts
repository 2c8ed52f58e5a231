/**
 * Checks the inline credential data of a kubeconfig (certificates, keys, tokens) so that a broken or
 * expired credential is refused when it is uploaded, not on the first check run. Messages describe
 * the data, never quote it.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** certificate-authority-data and friends: base64 of PEM text. Returns the PEM and a clean base64. */
export function decodePemData(value: unknown, what: string): Checked<{ pem: string; base64: string }> {
  if (typeof value !== "string") return { ok: false, message: `${what} must be a base64 string` };
  const compact = value.replace(/\s+/g, "");
  if (compact === "" || compact.length % 4 !== 0 || !BASE64.test(compact)) {
    return { ok: false, message: `${what} is not base64` };
  }
  const pem = Buffer.from(compact, "base64").toString("utf8");
  if (!pem.includes("-----BEGIN ")) return { ok: false, message: `${what} is base64 but not of a PEM file (-----BEGIN …)` };
  return { ok: true, value: { pem, base64: compact } };
}

export function parseCertificates(pem: string, what: string): Checked<X509Certificate[]> {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return { ok: false, message: `${what} holds no certificate` };
  try {
    return { ok: true, value: blocks.map((block) => new X509Certificate(block)) };
  } catch {
    return { ok: false, message: `${what} holds a certificate that cannot be read` };
  }
}

export function parsePrivateKey(pem: string, what: string): Checked<KeyObject> {
  try {
    return { ok: true, value: createPrivateKey(pem) };
  } catch (error) {
    const encrypted = /passphrase/i.test((error as Error).message) || pem.includes("ENCRYPTED");
    return {
      ok: false,
      message: encrypted ? `${what} is encrypted with a passphrase; Daybook needs an unencrypted key` : `${what} is not a private key`,
    };
  }
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** A client certificate with its key: they must belong together and be valid now. Returns its expiry. */
export function checkClientCertificate(certificate: X509Certificate, key: KeyObject, now: Date): Checked<Date> {
  if (!certificate.checkPrivateKey(key)) return { ok: false, message: "client-key-data does not belong to client-certificate-data" };
  const notAfter = new Date(certificate.validTo);
  const notBefore = new Date(certificate.validFrom);
  if (notAfter.getTime() <= now.getTime()) {
    return { ok: false, message: `the client certificate expired on ${day(notAfter)}; export a fresh kubeconfig` };
  }
  if (notBefore.getTime() > now.getTime()) return { ok: false, message: `the client certificate is not valid before ${day(notBefore)}` };
  return { ok: true, value: notAfter };
}

/** A bearer token: one line of visible characters. A JWT (ServiceAccount tokens are) must not have expired. */
export function checkToken(value: unknown, now: Date): Checked<{ token: string; expiresAt?: Date }> {
  if (typeof value !== "string" || value.trim() === "") return { ok: false, message: "token must be a non-empty string" };
  const token = value.trim();
  if (!/^[\x21-\x7e]+$/.test(token)) return { ok: false, message: "token contains spaces, line breaks or other characters a token cannot have" };
  const expiresAt = jwtExpiry(token);
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    return { ok: false, message: `the token expired on ${expiresAt.toISOString()}; create a new one (kubectl create token)` };
  }
  return { ok: true, value: expiresAt ? { token, expiresAt } : { token } };
}

/** The exp claim of a JWT, read without verifying it (only the API server can). */
function jwtExpiry(token: string): Date | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    const exp = (payload as { exp?: unknown } | null)?.exp;
    return typeof exp === "number" && Number.isFinite(exp) ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}
