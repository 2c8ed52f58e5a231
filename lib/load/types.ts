/** What a performance test measures and stores with its run: plain data, shared by the engine and the page. */

export type LoadThresholds = { maxErrorRate: number; maxP95LatencyMs: number };

/** One load target as the course states it (never scaled: the page shows these). */
export type LoadTargetSpec = {
  checkId: string;
  title: string;
  namespace: string;
  service: string;
  port: number;
  path: string;
  expectStatus: number;
  durationSeconds: number;
  concurrency: number;
  thresholds: LoadThresholds;
};

export type LatencySummary = { p50: number; p95: number; p99: number; max: number; mean: number };

/** One second of one target: what was answered in it and how fast (milliseconds); `ms` when the last one is shorter. */
export type SecondPoint = { t: number; requests: number; errors: number; p50: number; p95: number; p99: number; ms?: number };

export type LoadTotals = {
  /** Requests answered or failed: responses + timeouts + connection errors. */
  requests: number;
  /** Answers other than the expected status, timeouts and connection errors. */
  errors: number;
  timeouts: number;
  connectionErrors: number;
  bytes: number;
  statusCodes: Record<string, number>;
  errorRate: number;
  requestsPerSecond: number;
};

export type ConnectionStats = {
  configured: number;
  /** The most port-forwarded connections open at once (each carries one request at a time). */
  peakOpen: number;
  /** Connections that got at least one answer. */
  answered: number;
};

export type LoadJudgement = { status: "pass" | "fail" | "error"; expected: string; actual: string };

export type TargetState = {
  spec: LoadTargetSpec;
  /** The pods the load went to, one port-forward each, and how many requests each answered. */
  pods: { name: string; targetPort: number; requests: number }[];
  totals: LoadTotals;
  latency: LatencySummary;
  series: SecondPoint[];
  connections: ConnectionStats;
  /** Why the load could not start: the service's fault (no ready pod) fails, Daybook's (a refused port-forward) is an error. */
  problem?: { status: "fail" | "error"; message: string };
  judgement?: LoadJudgement;
};

export type LoadPhase = "starting" | "running" | "judging" | "done" | "cancelled";

export type LoadState = {
  phase: LoadPhase;
  /** DAYBOOK_TIME_SCALE when the run started; 1 outside tests. */
  timeScale: number;
  /** How long the load lasts in this run (the course's duration times the time scale). */
  plannedMs: number;
  elapsedMs: number;
  targets: TargetState[];
};

/** What the loadTest check judges: one target's measurement, from this run or the team's latest performance test. */
export type LoadOutcome = { target: TargetState; timeScale: number; /** Set when recalled from an earlier run. */ measuredAt?: string };

export type LoadOutcomeLookup = (checkId: string) => Promise<LoadOutcome | undefined>;
