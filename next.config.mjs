/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (e2e against two databases, several developers) keep separate outputs.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its wasm and data files from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@kubernetes/client-node"],
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tests included) with tsc; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // forbidden(): "not allowed" pages answer HTTP 403 with app/(app)/forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;
