import { describe, expect, it } from "vitest";
import { failureFromResponse } from "@/lib/k8s/errors";
import { defaultContainer, podForLogs } from "@/lib/k8s/pods";
import { ok, type K8sResult } from "@/lib/k8s/result";
import type { Pod } from "@/lib/k8s/types";
import { NS, courseCheck, deploymentPods, evidenceOf, forbidden } from "./__fixtures__/recorded";
import { podLogsContain } from "./pod-logs-contain";

// kwok pods have no processes, so their logs are written here the way the programs print them.
const UVICORN = [
  "INFO:     Started server process [1]",
  "INFO:     Waiting for application startup.",
  "INFO:     Application startup complete.",
  "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)",
  'INFO:     10.244.1.1:52044 - "GET /health HTTP/1.1" 200 OK',
].join("\n");
const CRASH = [
  "INFO:     Started server process [1]",
  "INFO:     Waiting for application startup.",
  "ERROR:    Traceback (most recent call last):",
  'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "ecommerce-database-service" (10.96.12.4), port 5432 failed: Connection refused',
  "ERROR:    Application startup failed. Exiting.",
].join("\n");
// init-db's script (08-init-containers.yaml) with pg_isready's own lines.
const INIT_DB = [
  "waiting for ecommerce-database-service:5432",
  "ecommerce-database-service:5432 - no response",
  "ecommerce-database-service:5432 - accepting connections",
  "database is ready",
].join("\n");

/** What fetch() reads: the pod `kubectl logs deployment/…` picks, its default (or the named) container, its log. */
function withLogs(f: ReturnType<typeof deploymentPods>, logs: K8sResult<string>, container?: string) {
  const pod = podForLogs((f.pods as { value: Pod[] }).value)!;
  return { ...f, pod: pod.metadata!.name!, container: container ?? defaultContainer(pod), logs };
}

const started = courseCheck("podLogsContain", "d03-s1", "backend-started");
const backend = () => deploymentPods("day03-deployments", "day03-pods", "ecommerce-backend-deployment");

describe("podLogsContain", () => {
  it("passes on Uvicorn's startup line, reading the app container kubectl would pick", () => {
    const f = withLogs(backend(), ok(UVICORN));
    expect(f.container).toBe("ecommerce-backend");
    const v = podLogsContain.evaluate(f, started);
    expect(v).toMatchObject({ status: "pass", actual: "found: INFO:     Application startup complete." });
    const log = evidenceOf(v, `kubectl logs -n ${NS} ${f.pod} -c ecommerce-backend`);
    expect(log.split("\n")[0]).toBe(`Found 3 pods, using pod/${f.pod}`);
    expect(log).toContain("Uvicorn running on http://0.0.0.0:8000");
  });

  it("finds the start-up line at the start of the log after a load test has pushed it out of the last 500 lines", () => {
    const traffic = Array.from({ length: 500 }, (_, i) => `INFO:     10.244.1.1:${40000 + i} - "GET /api/products HTTP/1.1" 200 OK`).join("\n");
    const f = withLogs(backend(), ok(traffic));
    expect(podLogsContain.evaluate(f, started)).toMatchObject({ status: "fail", actual: "no matching line in the last 500 lines" });
    const v = podLogsContain.evaluate({ ...f, head: ok(`${UVICORN}\n${traffic}`) }, started);
    expect(v).toMatchObject({ status: "pass", actual: "found near the start of the log: INFO:     Application startup complete." });
    expect(evidenceOf(v, `kubectl logs -n ${NS} ${f.pod} -c ecommerce-backend | head`)).toContain("Uvicorn running");
    expect(podLogsContain.evaluate({ ...f, head: ok(traffic) }, started)).toMatchObject({ status: "fail", actual: "no matching line at the start of the log or in its last 500 lines" });
  });

  it("fails when the app crashed at startup", () => {
    const v = podLogsContain.evaluate(withLogs(backend(), ok(CRASH)), started);
    expect(v).toMatchObject({ status: "fail", actual: "no matching line in the last 500 lines" });
    expect(evidenceOf(v, "kubectl logs")).toContain("Application startup failed");
  });

  it("reads the named init container (Day 8.2)", () => {
    const check = courseCheck("podLogsContain", "d08-s2", "init-db-log");
    const f = withLogs(deploymentPods("day08-init-deployment", "day08-init-pods", "ecommerce-backend-deployment"), ok(INIT_DB), check.container);
    expect(podLogsContain.evaluate(f, check)).toMatchObject({ status: "pass", actual: "found: database is ready" });
    expect(podLogsContain.evaluate({ ...f, logs: ok(INIT_DB.split("\n").slice(0, 2).join("\n")) }, check).status).toBe("fail");
  });

  it("fails with the kubelet's message when the container has not started yet", () => {
    const f = withLogs(backend(), failureFromResponse(400, JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: 'container "ecommerce-backend" in pod "x" is waiting to start: PodInitializing', reason: "BadRequest", code: 400 })));
    const v = podLogsContain.evaluate(f, started);
    expect(v).toMatchObject({ status: "fail", actual: 'container "ecommerce-backend" in pod "x" is waiting to start: PodInitializing' });
  });

  it("fails when no pod of the deployment exists, and without waiting when the deployment does not", () => {
    const database = courseCheck("podLogsContain", "d04-s1", "database-ready-log");
    expect(podLogsContain.evaluate({ deployment: backend().deployment, pods: ok([]) }, database)).toMatchObject({ status: "fail", actual: "no pod of ecommerce-database-deployment to read logs from" });
    expect(podLogsContain.evaluate({ deployment: ok(undefined), pods: ok([]) }, database)).toMatchObject({ status: "fail", final: true });
  });

  it("is an error for a pattern that is not a regular expression, and when logs may not be read", () => {
    expect(podLogsContain.evaluate(withLogs(backend(), ok(UVICORN)), { ...started, pattern: "startup (complete" }).status).toBe("error");
    expect(podLogsContain.evaluate(withLogs(backend(), forbidden()), started).status).toBe("error");
  });
});
