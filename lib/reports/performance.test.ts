import { describe, expect, it } from "vitest";
import { excerpt } from "./closure";
import { chartSeries } from "./performance";

const second = (t: number, requests: number, p95: number) => ({ t, requests, errors: t % 2, p50: p95 / 2, p95, p99: p95 * 2 });

describe("the closure report's performance charts and comment excerpts", () => {
  it("charts a short test second by second, and merges a long one without losing requests or a slow second", () => {
    expect(chartSeries([second(0, 10, 5), { ...second(1, 4, 7), ms: 400 }])).toEqual([{ ...second(0, 10, 5), ms: 1000 }, { ...second(1, 4, 7), ms: 400 }]);
    const long = Array.from({ length: 1200 }, (_, t) => second(t, 100, t === 601 ? 900 : 50));
    const merged = chartSeries(long);
    expect(merged).toHaveLength(120);
    expect(merged[60]).toEqual({ t: 600, requests: 1000, errors: 5, p50: 450, p95: 900, p99: 1800, ms: 10_000 });
    expect(merged.reduce((n, p) => n + p.requests, 0)).toBe(120_000);
    expect(chartSeries(long.slice(0, 121))).toHaveLength(61);
  });

  it("shortens a comment to one line, cut at a word", () => {
    expect(excerpt("  Fixed:\n\n  raised the quota. ")).toBe("Fixed: raised the quota.");
    const long = excerpt(`${"word ".repeat(60)}end`);
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long).toMatch(/word…$/);
    expect(excerpt("x".repeat(200))).toBe(`${"x".repeat(159)}…`);
  });
});
