import { judgeTarget } from "@/lib/load/judge";
import { scaledDurationMs, stepLoadTargets } from "@/lib/load/plan";
import type { LoadState, LoadTargetSpec, SecondPoint, TargetState } from "@/lib/load/types";
import type { Step } from "@/lib/course/schema";

/**
 * TEST FIXTURE: what a finished performance test of `step` stores, as if autocannon had put the load on
 * two ready pods: a steady rate with a slow stretch in the middle, judged by the real thresholds.
 * `slowMs` is the p95 of that stretch (above the course's 1000 ms limit makes the target fail).
 */
export function recordedLoad(step: Step, opts: { timeScale: number; slowMs?: number }): LoadState {
  const specs = stepLoadTargets(step);
  const plannedMs = Math.max(...specs.map((s) => scaledDurationMs(s.durationSeconds, opts.timeScale)));
  return { phase: "done", timeScale: opts.timeScale, plannedMs, elapsedMs: plannedMs, targets: specs.map((spec, i) => target(spec, i, opts)) };
}

function target(spec: LoadTargetSpec, index: number, opts: { timeScale: number; slowMs?: number }): TargetState {
  const seconds = Math.round(scaledDurationMs(spec.durationSeconds, opts.timeScale) / 1000);
  const base = 40 + 25 * index;
  const series: SecondPoint[] = Array.from({ length: seconds }, (_, t) => {
    const slow = t >= seconds * 0.4 && t < seconds * 0.55;
    const p95 = slow ? (opts.slowMs ?? base * 6) : base + Math.round(10 * Math.sin(t / 5));
    return { t, requests: Math.round((spec.concurrency * 1000) / (p95 * 0.6)), errors: 0, p50: Math.round(p95 * 0.55), p95, p99: Math.round(p95 * 1.3) };
  });
  const requests = series.reduce((n, p) => n + p.requests, 0);
  const sorted = series.map((p) => p.p95).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
  const state: TargetState = {
    spec,
    pods: [{ name: `${spec.service}-a`, targetPort: spec.port, requests: Math.ceil(requests / 2) }, { name: `${spec.service}-b`, targetPort: spec.port, requests: Math.floor(requests / 2) }],
    totals: { requests, errors: 0, timeouts: 0, connectionErrors: 0, bytes: requests * 512, statusCodes: { [String(spec.expectStatus)]: requests }, errorRate: 0, requestsPerSecond: Math.round((requests / seconds) * 10) / 10 },
    latency: { p50: Math.round(at(0.5) * 0.55), p95: at(0.95), p99: at(0.99), max: Math.max(...sorted), mean: Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length) },
    series,
    connections: { configured: spec.concurrency, peakOpen: spec.concurrency, answered: spec.concurrency },
  };
  return { ...state, judgement: judgeTarget(state) };
}
