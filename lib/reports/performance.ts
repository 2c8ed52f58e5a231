import type { Check, Course } from "@/lib/course/schema";
import { allSteps, dayOfStep } from "@/lib/course/load";
import type { LoadState, LoadThresholds, SecondPoint } from "@/lib/load/types";
import { targetFigures } from "@/lib/load/view";

/** A check that measures performance: a load test, or the performance-test validation suite (Days 10, 15, 18, 20). */
export const isPerformanceCheck = (c: Check) => c.kind === "loadTest" || (c.kind === "validationSuite" && c.suite === "performance-test");

export const performanceStepsOf = (course: Course) => allSteps(course).filter((s) => s.checks.some(isPerformanceCheck));

/** A finished performance test (LOAD run) as the data layer read it. */
export type RecordedLoadRun = { stepId: string; status: string; startedAt: Date; finishedAt: Date | null; load: LoadState };

export type TargetResult = {
  checkId: string;
  label: string;
  durationSeconds: number;
  concurrency: number;
  thresholds: LoadThresholds;
  requests: number;
  requestsPerSecond: number;
  errorRate: number;
  p50: number;
  p95: number;
  p99: number;
  verdict: "pass" | "fail" | "error" | null;
  problem: string | null;
  /** At most CHART_POINTS points; each covers `ms` milliseconds (a second, or several merged). */
  chart: SecondPoint[];
};

export type PerformanceTest = {
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** DAYBOOK_TIME_SCALE when it ran; 1 means the course's durations. */
  timeScale: number;
  elapsedMs: number;
  targets: TargetResult[];
};

export type PerformanceStep = { stepId: string; number: string; title: string; day: number; test: PerformanceTest | null };

export const CHART_POINTS = 120;

/**
 * A run's seconds merged into at most `max` points, so a 20-minute test charts (and ships to the page)
 * as a handful of kilobytes: requests add up over the merged time, and each latency is the highest of
 * its seconds, so a slow second is never averaged away.
 */
export function chartSeries(series: SecondPoint[], max = CHART_POINTS): SecondPoint[] {
  if (series.length <= max) return series.map((p) => ({ ...p, ms: p.ms ?? 1000 }));
  const size = Math.ceil(series.length / max);
  const out: SecondPoint[] = [];
  for (let i = 0; i < series.length; i += size) {
    const group = series.slice(i, i + size);
    out.push({
      t: group[0]!.t,
      requests: group.reduce((n, p) => n + p.requests, 0),
      errors: group.reduce((n, p) => n + p.errors, 0),
      p50: Math.max(...group.map((p) => p.p50)),
      p95: Math.max(...group.map((p) => p.p95)),
      p99: Math.max(...group.map((p) => p.p99)),
      ms: group.reduce((n, p) => n + (p.ms ?? 1000), 0),
    });
  }
  return out;
}

function testOf(run: RecordedLoadRun): PerformanceTest {
  return {
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    timeScale: run.load.timeScale,
    elapsedMs: run.load.elapsedMs,
    targets: run.load.targets.map((t) => ({
      ...targetFigures(t),
      durationSeconds: t.spec.durationSeconds,
      concurrency: t.spec.concurrency,
      thresholds: t.spec.thresholds,
      verdict: t.judgement?.status ?? null,
      problem: t.problem?.message ?? null,
      chart: t.problem ? [] : chartSeries(t.series),
    })),
  };
}

/** Every performance step of the course with the team's latest finished performance test of it, or null. */
export function performanceSteps(course: Course, runs: RecordedLoadRun[]): PerformanceStep[] {
  return performanceStepsOf(course).map((s) => {
    const run = runs.filter((r) => r.stepId === s.id).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
    return { stepId: s.id, number: s.number, title: s.title, day: dayOfStep(course, s.id)?.day ?? 0, test: run ? testOf(run) : null };
  });
}

export const percentText = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.001 ? 2 : 1)}%`;
export const msText = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;

/** "60 s at 10 concurrent clients; ran 1 s (time scale 0.01, DAYBOOK_TIME_SCALE)". */
export function testTimeText(test: PerformanceTest): string {
  const first = test.targets[0];
  const planned = first ? `${first.durationSeconds} s with ${first.concurrency} concurrent clients per target` : "no target";
  const ran = `ran ${Math.round(test.elapsedMs / 1000)} s`;
  return test.timeScale === 1 ? `${planned}; ${ran}` : `${planned}; ${ran}: time scaled by ${test.timeScale} (DAYBOOK_TIME_SCALE), so not a full-length test`;
}

export const NO_TEST_TEXT = "No performance test yet: run it from the step's page.";

export const TARGET_HEADER = ["Target", "Verdict", "Requests", "Req/s", "Errors (limit)", "p50", "p95 (limit)", "p99"];

/** One target's numbers next to its thresholds, as the Markdown and PDF tables show them. */
export const targetCells = (t: TargetResult): string[] => [
  t.label,
  t.verdict ?? "—",
  t.requests.toLocaleString("en-US"),
  t.requestsPerSecond.toLocaleString("en-US"),
  `${percentText(t.errorRate)} (≤ ${t.thresholds.maxErrorRate * 100}%)`,
  msText(t.p50),
  `${msText(t.p95)} (≤ ${t.thresholds.maxP95LatencyMs} ms)`,
  msText(t.p99),
];

export const RUN_STATUS_TEXT: Record<string, string> = { PASSED: "passed", FAILED: "failed", ERROR: "could not finish" };

/** "Step 10.2 Performance testing (Day 10)" */
export const performanceStepTitle = (s: PerformanceStep) => `Step ${s.number} ${s.title} (Day ${s.day})`;
