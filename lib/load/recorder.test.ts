import { describe, expect, it } from "vitest";
import { TargetRecorder } from "./recorder";

const T0 = 1_000_000;

describe("TargetRecorder: per-second series and totals", () => {
  it("buckets answers by second since the start, with each second's own percentiles", () => {
    const r = new TargetRecorder(T0, 200);
    for (let i = 1; i <= 100; i++) r.response(T0 + 10 + i, i, 200, 10); // second 0: 1..100 ms
    r.response(T0 + 1500, 500, 500, 5); // second 1: one error
    r.failure(T0 + 1600, "timeout");
    const snap = r.snapshot(T0 + 2000);
    // HdrHistogram reports the top of a value's bucket: exact to 3 significant digits.
    const within = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * 0.001);
    expect(snap.series.map((p) => [p.t, p.requests, p.errors])).toEqual([[0, 100, 0], [1, 2, 2]]);
    [[50, 95, 99], [500, 500, 500]].forEach(([p50, p95, p99], i) => {
      within(snap.series[i]!.p50, p50!);
      within(snap.series[i]!.p95, p95!);
      within(snap.series[i]!.p99, p99!);
    });
    expect(snap.totals).toMatchObject({ requests: 102, errors: 2, timeouts: 1, connectionErrors: 0, bytes: 1005, statusCodes: { "200": 100, "500": 1 }, requestsPerSecond: 51 });
    expect(snap.totals.errorRate).toBeCloseTo(2 / 102, 10);
    within(snap.latency.p50, 51);
    within(snap.latency.p99, 100);
    within(snap.latency.max, 500);
  });

  it("keeps quiet seconds as points with no requests, so the chart's time axis has no gaps", () => {
    const r = new TargetRecorder(T0, 200);
    r.response(T0 + 100, 5, 200);
    r.response(T0 + 3100, 7, 200);
    expect(r.snapshot(T0 + 4000).series.map((p) => [p.t, p.requests])).toEqual([[0, 1], [1, 0], [2, 0], [3, 1]]);
  });

  it("shows only whole seconds while running, and the last, shorter one once final", () => {
    const r = new TargetRecorder(T0, 200);
    r.response(T0 + 200, 3, 200);
    r.response(T0 + 1200, 4, 200);
    expect(r.snapshot(T0 + 1300).series).toHaveLength(1);
    const final = r.snapshot(T0 + 1300, true);
    expect(final.series.at(-1)).toMatchObject({ t: 1, requests: 1, ms: 300 });
    expect(final.series.reduce((n, p) => n + p.requests, 0)).toBe(final.totals.requests);
  });

  it("keeps sub-millisecond latencies to 0.1 ms and long ones to 0.1 %", () => {
    const r = new TargetRecorder(T0, 200);
    r.response(T0, 0.42, 200);
    r.response(T0, 12_345.6, 200);
    const { latency } = r.snapshot(T0 + 1000, true);
    expect(latency.p50).toBe(0.4);
    expect(Math.abs(latency.max - 12_345.6)).toBeLessThan(12.4);
  });

  it("has zeros, not NaN, before anything was answered", () => {
    const snap = new TargetRecorder(T0, 200).snapshot(T0 + 500);
    expect(snap.totals).toMatchObject({ requests: 0, errorRate: 0, requestsPerSecond: 0 });
    expect(snap.latency).toEqual({ p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });
});
