import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNamespace, deleteNamespace, isLocalControlPlane, loadTestKubeConfig, waitFor } from "../support/cluster";
import { execInPod } from "../support/pod-exec";

// kwok simulates containers: logs come from scripts/cluster/kwok/pod.log and exec runs on the
// test host with scripts/cluster/kwok/fake-psql.sh as `psql`. Meaningless on a reused real cluster.
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
        spec: { containers: [{ name: "postgres", image: "postgres:16" }] },
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

  it("returns the configured container log", async () => {
    const text = await core.readNamespacedPodLog({ name: "postgres-0", namespace, container: "postgres" });
    expect(text).toContain("daybook-fake-container started");
    expect(text).toContain("Uvicorn running on http://0.0.0.0:8000");
  });

  // kwok runs the command on the host, where scripts/cluster/kwok/fake-psql.sh answers: this proves the exec
  // round trip through the API server (arguments in, stdout and status out), not PostgreSQL itself.
  it("carries a non-interactive exec of psql -c 'SELECT version();' through the API server and back", async () => {
    const result = await execInPod(kc, {
      namespace,
      pod: "postgres-0",
      container: "postgres",
      command: ["psql", "-U", "shop", "-d", "shop", "-tAc", "SELECT version();"],
    });
    expect(result.status?.status).toBe("Success");
    expect(result.stdout).toMatch(/^PostgreSQL 16\.\d+/);
    const echoed = await execInPod(kc, { namespace, pod: "postgres-0", container: "postgres", command: ["psql", "-c", "SELECT count(*) FROM orders;"] });
    expect(echoed.stdout.trim()).toBe("fake psql (daybook): SELECT count(*) FROM orders;");
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
    // kwok wraps the exit error, so the API server reports InternalError (a kubelet would say
    // NonZeroExitCode with an ExitCode cause); the exit status is in the message.
    expect(result.status?.message).toContain("exit status 3");
  });
});
