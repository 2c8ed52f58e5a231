// A base no request can carry: anything that resolves to another origin is not one of Daybook's own pages.
const OWN = "http://daybook.invalid";

/**
 * Where to send the browser after sign-in: the path, query and fragment of `target` if it resolves to
 * one of Daybook's own pages, else `fallback`. Resolving with the URL parser (rather than checking
 * prefixes) catches `/\evil.example`, `/<TAB>/evil.example` and `//evil.example` alike. An absolute URL
 * on `origin` (the app's own, when known) is accepted and made relative.
 */
export function sameOriginPath(target: unknown, origin?: string, fallback = "/"): string {
  if (typeof target !== "string" || target === "") return fallback;
  let url: URL;
  try {
    url = new URL(target, OWN);
    if (origin && url.origin === new URL(origin).origin) url = new URL(url.pathname + url.search + url.hash, OWN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN || !url.pathname.startsWith("/")) return fallback;
  // `/.//evil.example` normalizes to the path `//evil.example`, which a browser reads as another host.
  const path = url.pathname.replace(/^\/+/, "/") + url.search + url.hash;
  // The sign-in page itself is never a useful destination.
  return path.startsWith("/login") ? fallback : path;
}
