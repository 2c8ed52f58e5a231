import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNamespace, deleteNamespace, isLocalControlPlane, loadTestKubeConfig, waitFor } from "../support/cluster";
import { execInPod } from "../support/pod-exec";

// kwok simulates the pod; podsim (scripts/cluster/podsim) plays the postgres image: its logs, and
// `psql` through exec against a real embedded PostgreSQL. Other commands run on the test host.
// Meaningless on a reused real cluster.
describe.runIf(isLocalControlPlane())("pod logs and exec through the API server (kwok)", () => {
  const kc = loadTestKubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  let namespace = "";

  beforeAll(async () => {
    namespace = await createTestNamespace("cp-logs-exec");
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: { name: "postgres-0", labels: { app: "postgres" } },
        spec: {
          containers: [{
            name: "postgres", image: "postgres:16",
            env: [{ name: "POSTGRES_USER", value: "shop" }, { name: "POSTGRES_PASSWORD", value: "test-only" }],
          }],
        },
      },
    });
    await waitFor(
      async () => {
        const pod = await core.readNamespacedPod({ name: "postgres-0", namespace });
        return pod.status?.phase === "Running" && pod.status.podIP !== undefined;
      },
      { timeoutMs: 60_000, description: "pod postgres-0 Running" },
    );
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace);
  });

  it("returns the container's log", async () => {
    const text = await core.readNamespacedPodLog({ name: "postgres-0", namespace, container: "postgres" });
    expect(text).toContain("PostgreSQL init process complete; ready for start up.");
    expect(text).toContain("database system is ready to accept connections");
  });

  it("carries a non-interactive exec of psql -c 'SELECT version();' through the API server and back", async () => {
    const result = await execInPod(kc, {
      namespace,
      pod: "postgres-0",
      container: "postgres",
      command: ["psql", "-U", "shop", "-d", "shop", "-tAc", "SELECT version();"],
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^PostgreSQL \d+\.\d+/);
    const missing = await execInPod(kc, { namespace, pod: "postgres-0", container: "postgres", command: ["psql", "-U", "shop", "-c", "SELECT count(*) FROM orders;"] });
    expect(missing.stderr).toContain('ERROR:  relation "orders" does not exist');
    expect(missing.exitCode).toBe(1);
  });

  it("reports a non-zero exit code as a Failure status", async () => {
    const result = await execInPod(kc, {
      namespace,
      pod: "postgres-0",
      container: "postgres",
      command: ["sh", "-c", "echo oops >&2; exit 3"],
    });
    expect(result.stderr).toContain("oops");
    expect(result.status?.status).toBe("Failure");
    // kwok wraps the exit error as InternalError "... exit status 3" (a kubelet gives an ExitCode cause).
    expect(result.exitCode).toBe(3);
  });
});
