/**
 * Helpers for integration tests that talk to a real Kubernetes API server.
 *
 * The cluster is provided by tests/integration/support/global-setup.ts (started from
 * scripts/cluster/*.sh, or an existing cluster via DAYBOOK_TEST_KUBECONFIG). Stable API:
 *
 *   loadTestKubeConfig(): KubeConfig
 *       KubeConfig for the test cluster (cluster-admin on the local control plane).
 *   testKubeconfigPath(): string
 *       Path of that kubeconfig file (e.g. for `helm --kubeconfig`).
 *   helmBinary(): string
 *       The helm binary to run (the one built by scripts/cluster/build.sh, or DAYBOOK_HELM_BIN).
 *   isLocalControlPlane(): boolean
 *       true when the tests run against scripts/cluster (kwok nodes), false for a reused cluster.
 *   expectedKubernetesVersion(): string | undefined
 *       gitVersion the local control plane was built with (undefined for a reused cluster).
 *   createTestNamespace(prefix: string): Promise<string>
 *       Creates a uniquely named namespace (label daybook-test=true) and waits until its
 *       `default` ServiceAccount exists, so pods can be created right away. Returns its name.
 *   deleteNamespace(name: string, options?: { wait?: boolean; timeoutMs?: number }): Promise<void>
 *       Deletes it (404 ignored); with wait: true, polls until it is gone.
 *   waitFor<T>(check, { timeoutMs?, intervalMs?, description? }): Promise<T>
 *       Polls `check` until it returns a value other than undefined/null/false and returns that
 *       value. Thrown errors count as "not yet". At the deadline it throws with the description
 *       and the last error. Use this instead of fixed sleeps.
 *   apiErrorCode(error: unknown): number | undefined
 *       HTTP status of an ApiException from @kubernetes/client-node (undefined otherwise).
 *   apiErrorStatus(error: unknown): { reason?: string; message?: string } | undefined
 *       The metav1.Status parsed from an ApiException body.
 *
 * On the local control plane, pods never run containers: kwok marks them Running+Ready once podsim
 * (scripts/cluster/podsim, docs/control-plane.md) has started them, podsim plays the course's images
 * (logs, HTTP through port-forwards, psql/curl through exec) and exec runs other commands on the
 * test host. Jobs complete immediately.
 */
import { randomBytes } from "node:crypto";
import { ApiException, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { inject } from "vitest";

export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  description?: string;
}

export function testKubeconfigPath(): string {
  const fromEnv = process.env.DAYBOOK_TEST_KUBECONFIG_PATH;
  if (fromEnv) return fromEnv;
  const injected = inject("daybookKubeconfigPath");
  if (injected) return injected;
  throw new Error("no test cluster: run through vitest.integration.config.ts (its globalSetup starts one)");
}

export function helmBinary(): string {
  return process.env.DAYBOOK_HELM_BIN ?? inject("daybookHelmBin") ?? "helm";
}

export function isLocalControlPlane(): boolean {
  return process.env.DAYBOOK_TEST_LOCAL_CONTROL_PLANE === "1";
}

export function expectedKubernetesVersion(): string | undefined {
  return process.env.DAYBOOK_TEST_EXPECTED_K8S_VERSION || undefined;
}

export function loadTestKubeConfig(): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(testKubeconfigPath());
  return kubeConfig;
}

export function apiErrorCode(error: unknown): number | undefined {
  return error instanceof ApiException ? (error.code as number) : undefined;
}

export function apiErrorStatus(error: unknown): { reason?: string; message?: string } | undefined {
  if (!(error instanceof ApiException) || typeof error.body !== "string") return undefined;
  try {
    return JSON.parse(error.body) as { reason?: string; message?: string };
  } catch {
    return undefined;
  }
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 60_000, intervalMs = 250, description = "condition" }: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? `; last error: ${lastError.message}` : "";
      throw new Error(`timed out after ${timeoutMs}ms waiting for ${description}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function uniqueNamespaceName(prefix: string): string {
  const cleaned = prefix
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return `${cleaned || "test"}-${randomBytes(4).toString("hex")}`;
}

export async function createTestNamespace(prefix: string): Promise<string> {
  const core = loadTestKubeConfig().makeApiClient(CoreV1Api);
  const name = uniqueNamespaceName(prefix);
  await core.createNamespace({ body: { metadata: { name, labels: { "daybook-test": "true" } } } });
  await waitFor(() => core.readNamespacedServiceAccount({ name: "default", namespace: name }), {
    timeoutMs: 60_000,
    description: `default ServiceAccount in namespace ${name}`,
  });
  return name;
}

export async function deleteNamespace(
  name: string,
  { wait = false, timeoutMs = 120_000 }: { wait?: boolean; timeoutMs?: number } = {},
): Promise<void> {
  const core = loadTestKubeConfig().makeApiClient(CoreV1Api);
  try {
    await core.deleteNamespace({ name });
  } catch (error) {
    if (apiErrorCode(error) === 404) return;
    throw error;
  }
  if (!wait) return;
  await waitFor(
    async () => {
      try {
        await core.readNamespace({ name });
        return false;
      } catch (error) {
        if (apiErrorCode(error) === 404) return true;
        throw error;
      }
    },
    { timeoutMs, description: `namespace ${name} to be deleted` },
  );
}
