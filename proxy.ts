import { NextResponse, type NextRequest } from "next/server";
import { isPublic } from "@/lib/auth/config";
import { readSessionClaims, rolledSessionToken, sessionCookieName } from "@/lib/auth/session-token";
import { newNonce, pageContentSecurityPolicy } from "@/lib/security/csp";
import { tryDecodeSegment } from "@/lib/validations/route-params";

// Coarse redirect to /login only; every page, action and data function reads the session and checks
// permissions itself (nothing is passed on from here). Here each page also gets its nonce-based
// Content-Security-Policy; the headers that never change are set in next.config.mjs.
export default async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Next.js itself answers a path it cannot decode (`/plan/files/%E0%A4%A`) with a bare 500: a malformed link is a missing page.
  if (pathname.split("/").some((segment) => tryDecodeSegment(segment) === null)) return malformedLink();
  const cookieName = sessionCookieName(request.headers.get("x-forwarded-proto"));
  if (!isPublic(pathname) && !(await readSessionClaims(request.cookies, cookieName))) {
    // A relative callbackUrl: the sign-in page accepts only same-origin paths, and the host the user typed stays.
    const login = new URL("/login", request.nextUrl);
    if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  const response = withContentSecurityPolicy(request);
  await rollSession(request, response, cookieName);
  return response;
}

function withContentSecurityPolicy(request: NextRequest) {
  const nonce = newNonce();
  const csp = pageContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https: request.nextUrl.protocol === "https:" });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

// Auth.js re-encrypts the session on every request to restart its 12 hours; once an hour does the same job.
async function rollSession(request: NextRequest, response: NextResponse, cookieName: string) {
  const rolled = await rolledSessionToken(request.cookies, cookieName);
  if (!rolled) return;
  response.cookies.set(cookieName, rolled.value, { httpOnly: true, sameSite: "lax", path: "/", secure: cookieName.startsWith("__Secure-"), maxAge: rolled.maxAge });
}

// Not the step-state route the open step page polls every 5 s: it answers 401 itself, as JSON.
export const config = { matcher: ["/((?!api/auth|api/teams/[^/]+/steps/[^/]+/state$|_next/static|_next/image|favicon.svg|.*\\.png$).*)"] };

function malformedLink() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found · Daybook</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>Not found</h1><p>This link is malformed. <a href="/">Back to Daybook</a></p></body></html>`;
  return new NextResponse(html, { status: 404, headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'" } });
}
