/** A fresh, unguessable nonce per page request (base64 of 16 random bytes). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The pages' Content-Security-Policy. Scripts run only with this request's nonce (Next.js puts it on
 * its own inline scripts when it finds it in the request's CSP header) or when loaded by them;
 * nothing is framed, no plugins, no foreign <base>, forms post only to Daybook, and images come only
 * from Daybook itself (notes render remote images as links). Inline style attributes stay allowed:
 * React renders progress bars with them, and styles cannot run code.
 */
export function pageContentSecurityPolicy({ nonce, dev = false, https = false }: { nonce: string; dev?: boolean; https?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
