import * as hdr from "hdr-histogram-js";
import type { LatencySummary, LoadTotals, SecondPoint } from "./types";

// Latencies are kept in microseconds with 3 significant digits (HdrHistogram, as autocannon does), so
// 1.2 ms and 950 ms are both exact to 0.1 %; a whole 20-minute run costs two fixed-size histograms.
const histogram = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
const ms = (us: number) => Math.round(us / 100) / 10;

function summarize(h: hdr.Histogram): LatencySummary {
  if (h.totalCount === 0) return { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  return { p50: ms(h.getValueAtPercentile(50)), p95: ms(h.getValueAtPercentile(95)), p99: ms(h.getValueAtPercentile(99)), max: ms(h.maxValue), mean: ms(h.mean) };
}

export type RecorderSnapshot = { totals: LoadTotals; latency: LatencySummary; series: SecondPoint[] };

/**
 * Everything one target answered, by second since the start: totals, latency percentiles over the whole
 * run, and a per-second series. Pure: the caller says when each event happened.
 */
export class TargetRecorder {
  private readonly total = histogram();
  private readonly second = histogram();
  private readonly series: SecondPoint[] = [];
  private current = 0;
  private currentRequests = 0;
  private currentErrors = 0;
  private requests = 0;
  private errors = 0;
  private timeouts = 0;
  private connectionErrors = 0;
  private bytes = 0;
  private readonly statusCodes: Record<string, number> = {};

  constructor(private readonly startMs: number, private readonly expectStatus: number) {}

  /** An answer: its status, how long it took and how many bytes came back. */
  response(atMs: number, latencyMs: number, status: number, bytes = 0): void {
    this.roll(atMs);
    const us = Math.max(1, Math.round(latencyMs * 1000));
    this.total.recordValue(us);
    this.second.recordValue(us);
    this.statusCodes[String(status)] = (this.statusCodes[String(status)] ?? 0) + 1;
    this.bytes += bytes;
    this.count(status !== this.expectStatus);
  }

  /** A request that got no answer: it timed out, or its connection failed. */
  failure(atMs: number, kind: "timeout" | "connection"): void {
    this.roll(atMs);
    if (kind === "timeout") this.timeouts += 1;
    else this.connectionErrors += 1;
    this.count(true);
  }

  /** The totals so far and every second that has ended by nowMs; `final` also closes the second in progress. */
  snapshot(nowMs: number, final = false): RecorderSnapshot {
    this.roll(nowMs);
    const partialMs = Math.round(nowMs - this.startMs - this.current * 1000);
    const series = final && (this.currentRequests > 0 || this.series.length === 0) ? [...this.series, { ...this.point(), ...(partialMs < 1000 ? { ms: Math.max(1, partialMs) } : {}) }] : [...this.series];
    const elapsedSeconds = Math.max(0.001, (nowMs - this.startMs) / 1000);
    return {
      totals: {
        requests: this.requests,
        errors: this.errors,
        timeouts: this.timeouts,
        connectionErrors: this.connectionErrors,
        bytes: this.bytes,
        statusCodes: { ...this.statusCodes },
        errorRate: this.requests ? this.errors / this.requests : 0,
        requestsPerSecond: Math.round((this.requests / elapsedSeconds) * 10) / 10,
      },
      latency: summarize(this.total),
      series,
    };
  }

  private count(error: boolean): void {
    this.requests += 1;
    this.currentRequests += 1;
    if (error) {
      this.errors += 1;
      this.currentErrors += 1;
    }
  }

  private point(): SecondPoint {
    const s = summarize(this.second);
    return { t: this.current, requests: this.currentRequests, errors: this.currentErrors, p50: s.p50, p95: s.p95, p99: s.p99 };
  }

  /** Ends every second before the one atMs falls in (quiet seconds become points with no requests). */
  private roll(atMs: number): void {
    const index = Math.max(0, Math.floor((atMs - this.startMs) / 1000));
    while (this.current < index) {
      this.series.push(this.point());
      this.second.reset();
      this.currentRequests = 0;
      this.currentErrors = 0;
      this.current += 1;
    }
  }
}
