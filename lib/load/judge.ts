import type { LoadJudgement, TargetState } from "./types";

const percent = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.001 ? 2 : 1)}%`;

export function expectedOf(spec: TargetState["spec"]): string {
  const t = spec.thresholds;
  return `${spec.concurrency} concurrent clients for ${spec.durationSeconds} s on ${spec.service}:${spec.port}${spec.path}: at most ${t.maxErrorRate * 100}% errors, p95 at most ${t.maxP95LatencyMs} ms`;
}

function errorBreakdown(s: Pick<TargetState, "spec" | "totals">): string {
  const wrong = Object.entries(s.totals.statusCodes).filter(([code]) => Number(code) !== s.spec.expectStatus).map(([code, n]) => `${n}× HTTP ${code}`);
  if (s.totals.timeouts) wrong.push(`${s.totals.timeouts} timed out`);
  if (s.totals.connectionErrors) wrong.push(`${s.totals.connectionErrors} connection errors`);
  return wrong.join(", ");
}

/**
 * performance-test.sh's verdict: some requests were made, at most maxErrorRate of them failed (any answer
 * but the expected status, a timeout or a broken connection), and the p95 latency is within the limit.
 */
export function judgeTarget(s: Pick<TargetState, "spec" | "totals" | "latency" | "problem">): LoadJudgement {
  const expected = expectedOf(s.spec);
  if (s.problem) return { status: s.problem.status, expected, actual: s.problem.message };
  const { totals, latency } = s;
  if (totals.requests === 0) return { status: "fail", expected, actual: "no request was answered" };
  const measured = `${totals.requests} requests (${totals.requestsPerSecond} req/s), ${percent(totals.errorRate)} errors, p95 ${latency.p95} ms`;
  const problems = [
    totals.errorRate > s.spec.thresholds.maxErrorRate && `${percent(totals.errorRate)} errors (${errorBreakdown(s)})`,
    latency.p95 > s.spec.thresholds.maxP95LatencyMs && `p95 ${latency.p95} ms is above ${s.spec.thresholds.maxP95LatencyMs} ms`,
  ].filter(Boolean);
  return problems.length ? { status: "fail", expected, actual: `${problems.join("; ")}; ${measured}` } : { status: "pass", expected, actual: measured };
}
