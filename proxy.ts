import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { newNonce, pageContentSecurityPolicy } from "@/lib/security/csp";
import { tryDecodeSegment } from "@/lib/validations/route-params";

const { auth } = NextAuth(authConfig);

// Coarse redirect to /login only (authConfig.callbacks.authorized); every page, action and data
// function checks permissions itself. Here each page also gets its nonce-based Content-Security-Policy;
// the headers that never change are set in next.config.mjs.
export default auth((request) => {
  // Next.js itself answers a path it cannot decode (`/plan/files/%E0%A4%A`) with a bare 500: a malformed link is a missing page.
  if (request.nextUrl.pathname.split("/").some((segment) => tryDecodeSegment(segment) === null)) return malformedLink();
  const nonce = newNonce();
  const csp = pageContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https: request.nextUrl.protocol === "https:" });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
});

export const config = { matcher: ["/((?!api/auth|_next/static|_next/image|favicon.svg|.*\\.png$).*)"] };

function malformedLink() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found · Daybook</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>Not found</h1><p>This link is malformed. <a href="/">Back to Daybook</a></p></body></html>`;
  return new NextResponse(html, { status: 404, headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'" } });
}
