import { describe, expect, it } from "vitest";
import type { ExecOutcome } from "@/lib/k8s/exec";
import { failure, ok } from "@/lib/k8s/result";
import type { Pod } from "@/lib/k8s/types";
import { NS, courseCheck, deploymentPods, evidenceOf, forbidden, suiteCheck } from "./__fixtures__/recorded";
import { execSucceeds, type ExecFetched } from "./exec-succeeds";
import { pickPod } from "./workloads";

const exited = (exitCode: number, stdout: string, stderr = ""): ExecOutcome => ({ exitCode, stdout, stderr, truncated: false });

/** What execInDeployment() returns: the pod kubectl exec would pick, the container, and the command's outcome. */
function ran(f: ReturnType<typeof deploymentPods>, container: string, run: ExecFetched["run"]): ExecFetched {
  return { ...f, pod: pickPod((f.pods as { value: Pod[] }).value)!.metadata!.name!, container, run };
}

const sidecarHealth = courseCheck("execSucceeds", "d08-s1", "sidecar-health");
const sidecarPods = () => deploymentPods("day08-sidecar-deployment", "day08-sidecar-pods", "ecommerce-backend-deployment");

describe("execSucceeds", () => {
  // curl 7.88.1's own output, recorded against a server on localhost:8080 answering like the sidecar's nginx.
  it("passes when the sidecar's /health answers 2xx with its body", () => {
    const v = execSucceeds.evaluate(ran(sidecarPods(), "sidecar", ok(exited(0, '{"status":"ok","container":"sidecar"}'))), sidecarHealth);
    expect(v).toMatchObject({ status: "pass", actual: "exit code 0" });
    const f = ran(sidecarPods(), "sidecar", ok(exited(0, "")));
    expect(evidenceOf(v, `kubectl exec -n ${NS} ${f.pod} -c sidecar -- curl -fsS localhost:8080/health`)).toBe('{"status":"ok","container":"sidecar"}\n[exit code 0]');
  });

  it("fails when the sidecar answers 500: curl -f exits 22", () => {
    const v = execSucceeds.evaluate(ran(sidecarPods(), "sidecar", ok(exited(22, "", "curl: (22) The requested URL returned error: 500"))), sidecarHealth);
    expect(v).toMatchObject({ status: "fail", actual: "exit code 22: curl: (22) The requested URL returned error: 500" });
    expect(evidenceOf(v, "kubectl exec")).toBe("[stderr]\ncurl: (22) The requested URL returned error: 500\n[exit code 22]");
  });

  it("fails when nothing listens in the sidecar (curl exit 7)", () => {
    const v = execSucceeds.evaluate(ran(sidecarPods(), "sidecar", ok(exited(7, "", "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server"))), sidecarHealth);
    expect(v).toMatchObject({ status: "fail", actual: "exit code 7: curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server" });
  });

  it("fails when the output lacks what the check expects (psql -tA prints an empty line for NULL)", () => {
    const orders = courseCheck("execSucceeds", "d04-s2", "orders-table");
    const db = deploymentPods("day03-deployments", "day03-pods", "ecommerce-backend-deployment");
    expect(execSucceeds.evaluate(ran(db, "postgres", ok(exited(0, "orders\n"))), orders)).toMatchObject({ status: "pass" });
    expect(execSucceeds.evaluate(ran(db, "postgres", ok(exited(0, "\n"))), orders)).toMatchObject({ status: "fail", actual: 'exit code 0, but the output lacks "orders"' });
  });

  it("fails with psql's error when the server is not up", () => {
    const query = suiteCheck("execSucceeds", "smoke-tests", [], "database-query");
    const db = deploymentPods("day03-deployments", "day03-pods", "ecommerce-backend-deployment");
    // psql 15's message when nothing listens on the default socket (exit code 2).
    const stderr = 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n';
    const v = execSucceeds.evaluate(ran(db, "postgres", ok(exited(2, "", stderr))), query);
    expect(v).toMatchObject({ status: "fail", actual: 'exit code 2: psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory' });
  });

  it("fails when no pod is running: the recorded database pod is Pending", () => {
    const f = deploymentPods("day03-deployments", "day03-pods", "ecommerce-database-deployment");
    expect(pickPod((f.pods as { value: Pod[] }).value)).toBeUndefined();
    const v = execSucceeds.evaluate(f, courseCheck("execSucceeds", "d04-s1", "database-query"));
    expect(v).toMatchObject({ status: "fail", actual: "no running pod of ecommerce-database-deployment to exec into" });
  });

  it("fails when the command does not finish in time", () => {
    const v = execSucceeds.evaluate(ran(sidecarPods(), "sidecar", failure("timeout", "`curl -fsS localhost:8080/health` did not finish within 30 s.")), sidecarHealth);
    expect(v).toMatchObject({ status: "fail", actual: "`curl -fsS localhost:8080/health` did not finish within 30 s." });
  });

  it("fails, without waiting, when the deployment does not exist", () => {
    expect(execSucceeds.evaluate({ deployment: ok(undefined), pods: ok([]) }, sidecarHealth)).toMatchObject({ status: "fail", final: true });
  });

  it("is an error when exec is forbidden", () => {
    const v = execSucceeds.evaluate(ran(sidecarPods(), "sidecar", forbidden()), sidecarHealth);
    expect(v.status).toBe("error");
    expect(v.actual).toMatch(/^Could not read exec in ecommerce-backend-deployment-/);
  });
});
