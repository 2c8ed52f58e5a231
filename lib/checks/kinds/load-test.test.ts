import { describe, expect, it } from "vitest";
import { targetOf } from "@/lib/load/target";
import type { LoadOutcome } from "@/lib/load/types";
import { evidenceText, suiteCheck } from "./__fixtures__/recorded";
import { loadTest } from "./load-test";

const check = suiteCheck("loadTest", "performance-test", ["--duration=300s", "--concurrency=50"], "products-under-load");

function outcome(requests: number, errors: number, p95: number, extra: Partial<LoadOutcome> = {}): LoadOutcome {
  return {
    timeScale: 0.01,
    target: {
      spec: targetOf(check),
      pods: [{ name: "backend-a", targetPort: 8000, requests: requests / 2 }, { name: "backend-b", targetPort: 8000, requests: requests / 2 }],
      totals: { requests, errors, timeouts: 0, connectionErrors: 0, bytes: requests * 300, statusCodes: { "200": requests - errors, ...(errors ? { "500": errors } : {}) }, errorRate: errors / requests, requestsPerSecond: requests / 3 },
      latency: { p50: p95 / 3, p95, p99: p95 * 1.5, max: p95 * 2, mean: p95 / 2 },
      series: [],
      connections: { configured: 50, peakOpen: 50, answered: 50 },
    },
    ...extra,
  };
}

describe("loadTest", () => {
  it("asks for the measurement of its own check id, with the suite's parameters in what it expects", async () => {
    const asked: string[] = [];
    const fetched = await loadTest.fetch({ loadOutcome: async (id: string) => (asked.push(id), outcome(300, 0, 20)) } as never, check);
    expect(asked).toEqual([check.id]);
    const v = loadTest.evaluate(fetched, check);
    expect(v).toMatchObject({ status: "pass", expected: "50 concurrent clients for 300 s on ecommerce-backend-service:8000/api/products: at most 1% errors, p95 at most 1000 ms", via: "port-forward to pod/backend-a, pod/backend-b:8000", final: true });
    expect(evidenceText(v)).toContain("$ kubectl port-forward -n kindtests-rec pod/backend-a :8000 &");
    expect(evidenceText(v)).toContain("autocannon -c 50 -d 300 http://127.0.0.1:<forward>/api/products   # time scale 0.01: 3 s");
    expect(evidenceText(v)).toMatch(/connections\s+50 configured, 50 open at once, 50 answered/);
  });

  it("fails above the error rate and above the p95 limit", () => {
    expect(loadTest.evaluate(outcome(1000, 20, 20), check)).toMatchObject({ status: "fail", actual: expect.stringMatching(/^2\.0% errors \(20× HTTP 500\)/) });
    expect(loadTest.evaluate(outcome(1000, 0, 1500), check)).toMatchObject({ status: "fail", actual: expect.stringMatching(/^p95 1500 ms is above 1000 ms/) });
  });

  it("fails when the service has no ready pod to load, without waiting for it to settle", () => {
    const o = outcome(0, 0, 0);
    o.target.problem = { status: "fail", message: "no ready pod behind Service ecommerce-backend-service (selector app=ecommerce,component=backend) serves port 8000" };
    expect(loadTest.evaluate(o, check)).toMatchObject({ status: "fail", actual: o.target.problem.message, final: true });
  });

  it("says when a verification judged an earlier performance test", () => {
    expect(loadTest.evaluate(outcome(300, 0, 20, { measuredAt: "2026-12-01T14:02:31.000Z" }), check).actual).toMatch(/; measured by the performance test of 2026-12-01 14:02 UTC$/);
  });

  it("could not run (not a failure of the step) before any performance test measured it", async () => {
    const v = loadTest.evaluate(await loadTest.fetch({} as never, check), check);
    expect(v).toMatchObject({ status: "error", actual: "Not measured yet: run the performance test of this step to put the load on the service.", final: true });
  });
});
