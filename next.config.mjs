/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its wasm and data files from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@kubernetes/client-node"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
