import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration tests against a real Kubernetes API server.
// globalSetup builds (cached) and starts the local control plane once per run, or reuses
// DAYBOOK_TEST_KUBECONFIG / KUBECONFIG (with DAYBOOK_TEST_USE_KUBECONFIG=1). See docs/control-plane.md.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts"),
    },
  },
  test: {
    include: ["tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/integration/support/global-setup.ts"],
    // A cold build compiles Kubernetes from source (tens of minutes on 2 cores).
    hookTimeout: 120_000,
    testTimeout: 120_000,
    teardownTimeout: 60_000,
    fileParallelism: false,
  },
});
