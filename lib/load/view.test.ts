import { describe, expect, it } from "vitest";
import { compareWithEarlier, mergeSeries, nextSecond, seriesSince, type LoadRunSummary } from "./view";
import type { LoadState } from "./types";

const run = (runId: string, stepId: string, stepNumber: string, day: number, finishedAt: string, p95: number): LoadRunSummary => ({
  runId, stepId, stepNumber, day, finishedAt, status: "PASSED",
  targets: [{ checkId: "performance-test/products-under-load", label: "backend /api/products", requests: 100, requestsPerSecond: 10, errorRate: 0, p50: p95 / 2, p95, p99: p95, status: "pass" }],
});

describe("compareWithEarlier", () => {
  it("names the day of the most recent earlier run that measured the same target", () => {
    const now = run("c", "d18-s1", "18.1", 18, "2026-12-03T10:00:00Z", 240);
    const earlier = [run("a", "d10-s2", "10.2", 10, "2026-12-01T10:00:00Z", 90), run("b", "d15-s1", "15.1", 15, "2026-12-02T10:00:00Z", 180), now];
    expect(compareWithEarlier(now, earlier)).toEqual(["p95 of backend /api/products was 180 ms on Day 15, 240 ms now"]);
  });

  it("says 'the previous run' for the same step, and nothing without an earlier run", () => {
    const now = run("c", "d10-s2", "10.2", 10, "2026-12-03T10:00:00Z", 4.25);
    expect(compareWithEarlier(now, [run("a", "d10-s2", "10.2", 10, "2026-12-01T10:00:00Z", 3.5), now])).toEqual(["p95 of backend /api/products was 3.5 ms in the previous run of Step 10.2, 4.3 ms now"]);
    expect(compareWithEarlier(now, [now])).toEqual([]);
  });
});

describe("seriesSince", () => {
  it("keeps the seconds from `since` on, and everything for 0", () => {
    const series = [0, 1, 2, 3].map((t) => ({ t, requests: 1, errors: 0, p50: 1, p95: 1, p99: 1 }));
    const load = { targets: [{ series }] } as unknown as LoadState;
    expect(seriesSince(load, 2).targets[0]!.series.map((p) => p.t)).toEqual([2, 3]);
    expect(seriesSince(load, 0)).toBe(load);
  });
});

describe("nextSecond and mergeSeries: a live page fetches only the seconds it lacks", () => {
  const point = (t: number, requests = 1) => ({ t, requests, errors: 0, p50: 1, p95: 1, p99: 1 });
  const state = (a: number[], b: number[], requests = 1) =>
    ({ phase: "running", timeScale: 1, plannedMs: 10_000, elapsedMs: 0, targets: [{ spec: { checkId: "a" }, series: a.map((t) => point(t, requests)) }, { spec: { checkId: "b" }, series: b.map((t) => point(t, requests)) }] }) as unknown as LoadState;

  it("asks from the first second one of the targets lacks", () => {
    expect(nextSecond(state([0, 1, 2], [0, 1]))).toBe(2);
    expect(nextSecond(state([], []))).toBe(0);
  });

  it("puts the new seconds after the ones the page had, per target, replacing any it had from `since` on", () => {
    const merged = mergeSeries(state([0, 1, 2], [0, 1]), state([2, 3, 4], [2, 3, 4], 7), 2);
    expect(merged.targets.map((t) => t.series.map((p) => [p.t, p.requests]))).toEqual([
      [[0, 1], [1, 1], [2, 7], [3, 7], [4, 7]],
      [[0, 1], [1, 1], [2, 7], [3, 7], [4, 7]],
    ]);
  });
});
