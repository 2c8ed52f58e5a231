import type { LoadState, TargetState } from "./types";

/** One target of a finished performance test, as the comparison table shows it. */
export type TargetSummary = { checkId: string; label: string; requests: number; requestsPerSecond: number; errorRate: number; p50: number; p95: number; p99: number; status?: "pass" | "fail" | "error" };

export type LoadRunSummary = { runId: string; stepId: string; stepNumber: string; day: number; finishedAt: string; status: string; targets: TargetSummary[] };

export const targetLabel = (t: Pick<TargetState["spec"], "service" | "port" | "path">) => `${t.service.replace(/^ecommerce-/, "").replace(/-service$/, "")} ${t.path}`;

/** What a target served and how fast: the figures every summary of a performance test shows. */
export const targetFigures = (t: TargetState) => ({
  checkId: t.spec.checkId,
  label: targetLabel(t.spec),
  requests: t.totals.requests,
  requestsPerSecond: t.totals.requestsPerSecond,
  errorRate: t.totals.errorRate,
  p50: t.latency.p50,
  p95: t.latency.p95,
  p99: t.latency.p99,
});

export const summarizeTargets = (load: LoadState): TargetSummary[] =>
  load.targets.map((t) => ({ ...targetFigures(t), ...(t.judgement ? { status: t.judgement.status } : {}) }));

const sameTarget = (a: TargetSummary, b: TargetSummary) => a.label === b.label;
const msText = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;

/**
 * "p95 of backend /api/products was 180 ms on Day 15, 240 ms now": each target of this run against the
 * same target in the team's most recent earlier performance test that had it.
 */
export function compareWithEarlier(current: LoadRunSummary, earlier: LoadRunSummary[]): string[] {
  return current.targets.flatMap((t) => {
    const before = earlier.filter((r) => r.runId !== current.runId && r.finishedAt < current.finishedAt).sort((a, b) => b.finishedAt.localeCompare(a.finishedAt)).find((r) => r.targets.some((x) => sameTarget(x, t)));
    const was = before?.targets.find((x) => sameTarget(x, t));
    if (!before || !was) return [];
    const where = before.stepId === current.stepId ? `in the previous run of Step ${before.stepNumber}` : `on Day ${before.day}`;
    return [`p95 of ${t.label} was ${msText(was.p95)} ${where}, ${msText(t.p95)} now`];
  });
}

/** Only the seconds from `since` on: a page that has the earlier ones asks for the rest. */
export const seriesSince = (load: LoadState, since: number): LoadState => (since > 0 ? { ...load, targets: load.targets.map((t) => ({ ...t, series: t.series.filter((p) => p.t >= since) })) } : load);

/** The second a page that has `load` asks from next: the earliest one some target has not got yet. */
export const nextSecond = (load: LoadState) => (load.targets.length ? Math.min(...load.targets.map((t) => (t.series.at(-1)?.t ?? -1) + 1)) : 0);

/** A poll's answer (its series from `since` on) added to what the page had. */
export function mergeSeries(had: LoadState, next: LoadState, since: number): LoadState {
  const before = new Map(had.targets.map((t) => [t.spec.checkId, t.series.filter((p) => p.t < since)]));
  return { ...next, targets: next.targets.map((t) => ({ ...t, series: [...(before.get(t.spec.checkId) ?? []), ...t.series] })) };
}
