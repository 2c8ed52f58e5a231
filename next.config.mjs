// Headers every response carries. The pages' Content-Security-Policy needs a fresh nonce per request,
// so proxy.ts sets it; Auth.js's own responses under /api/auth get a fixed, stricter one here.
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Join codes and team ids live in URLs: never send them to another site.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

const AUTH_ROUTE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (e2e against two databases, several developers) keep separate outputs.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its wasm and data files from its own package directory at run time; so does pdfkit its font metrics.
  // autocannon (load tests) requires its helpers at run time, as a CLI would.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@kubernetes/client-node", "pdfkit", "autocannon", "hdr-histogram-js"],
  poweredByHeader: false,
  compress: process.env.DAYBOOK_COMPRESS !== "false",
  // `npm test` type-checks the whole tree (tests included) with tsc; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/auth/:path*", headers: [{ key: "Content-Security-Policy", value: AUTH_ROUTE_CSP }] },
      // HSTS only where the request arrived over HTTPS (directly or through a proxy that says so).
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
    ];
  },
  // forbidden(): "not allowed" pages answer HTTP 403 with app/(app)/forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;
