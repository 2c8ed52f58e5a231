import { defineConfig } from "@playwright/test";

// Each database gets its own server and its own copy of every spec.
// DAYBOOK_E2E_PORT moves both servers, so two test runs on one machine do not collide.
const basePort = Number(process.env.DAYBOOK_E2E_PORT ?? 3210);
const servers = [{ name: "embedded", port: basePort }];
if (process.env.DAYBOOK_TEST_DATABASE_URL) servers.push({ name: "postgres", port: basePort + 1 });

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: servers.length,
  // One retry in CI; the closing summary reports any test that needed it as flaky.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  // One spec at a time per server: signing out ends every session of that user (session versions),
  // so two specs signed in as the same demo account must not run against one server at once.
  projects: servers.map((s) => ({ name: s.name, workers: 1, use: { baseURL: `http://127.0.0.1:${s.port}` } })),
  webServer: servers.map((s) => ({
    command: `node scripts/e2e-server.mjs ${s.name} ${s.port}`,
    url: `http://127.0.0.1:${s.port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
  })),
});
