import { describe, expect, it } from "vitest";
import { judgeTarget } from "./judge";
import type { LoadTargetSpec, LoadTotals } from "./types";

const spec: LoadTargetSpec = { checkId: "performance-test/products-under-load", title: "t", namespace: "ns", service: "ecommerce-backend-service", port: 8000, path: "/api/products", expectStatus: 200, durationSeconds: 300, concurrency: 10, thresholds: { maxErrorRate: 0.01, maxP95LatencyMs: 1000 } };
const totals = (requests: number, errors: number, codes: Record<string, number>, extra: Partial<LoadTotals> = {}): LoadTotals => ({ requests, errors, timeouts: 0, connectionErrors: 0, bytes: 0, statusCodes: codes, errorRate: requests ? errors / requests : 0, requestsPerSecond: requests / 300, ...extra });
const latency = (p95: number) => ({ p50: p95 / 2, p95, p99: p95 * 1.2, max: p95 * 2, mean: p95 / 2 });

describe("judgeTarget: performance-test.sh's thresholds", () => {
  it("passes at exactly 1% errors and a p95 of exactly 1000 ms, as the script's -le does", () => {
    const v = judgeTarget({ spec, totals: totals(1000, 10, { "200": 990, "500": 10 }), latency: latency(1000) });
    expect(v).toMatchObject({ status: "pass", expected: "10 concurrent clients for 300 s on ecommerce-backend-service:8000/api/products: at most 1% errors, p95 at most 1000 ms" });
    expect(v.actual).toBe("1000 requests (3.3333333333333335 req/s), 1.0% errors, p95 1000 ms");
  });

  it("fails above 1% errors and says which answers were wrong", () => {
    const v = judgeTarget({ spec, totals: totals(1000, 11, { "200": 990, "500": 9 }, { timeouts: 1, connectionErrors: 1 }), latency: latency(20) });
    expect(v.status).toBe("fail");
    expect(v.actual).toMatch(/^1\.1% errors \(9× HTTP 500, 1 timed out, 1 connection errors\); 1000 requests/);
  });

  it("fails a p95 above the limit although nothing failed", () => {
    const v = judgeTarget({ spec, totals: totals(100, 0, { "200": 100 }), latency: latency(1000.1) });
    expect(v).toMatchObject({ status: "fail" });
    expect(v.actual).toMatch(/^p95 1000\.1 ms is above 1000 ms; /);
  });

  it("fails a run in which nothing was answered (the script's n > 0)", () => {
    expect(judgeTarget({ spec, totals: totals(0, 0, {}), latency: latency(0) })).toMatchObject({ status: "fail", actual: "no request was answered" });
  });

  it("reports why the load could not start: the service's fault fails, Daybook's is an error", () => {
    expect(judgeTarget({ spec, totals: totals(0, 0, {}), latency: latency(0), problem: { status: "fail", message: "no ready pod behind Service x" } })).toMatchObject({ status: "fail", actual: "no ready pod behind Service x" });
    expect(judgeTarget({ spec, totals: totals(0, 0, {}), latency: latency(0), problem: { status: "error", message: "forbidden" } })).toMatchObject({ status: "error" });
  });
});
