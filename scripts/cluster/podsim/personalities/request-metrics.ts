// What prometheus-fastapi-instrumentator exports for the backend: http_requests_total{handler,
// method,status="2xx"} and http_request_duration_seconds{handler,method} (buckets 0.1, 0.5, 1),
// kept per request so podsim's Prometheus can evaluate rate()/increase() windows exactly.
export const DURATION_BUCKETS = [0.1, 0.5, 1];
const WINDOW_MS = 30 * 60_000;

export interface RequestSample {
  at: number;
  handler: string;
  method: string;
  status: string;
  seconds: number;
}

export interface Series {
  labels: Record<string, string>;
  /** counter value at time t (ms) */
  valueAt(t: number): number;
}

export class RequestMetrics {
  private readonly samples: RequestSample[] = [];
  private readonly totals = new Map<string, { labels: Record<string, string>; count: number; sum: number; buckets: number[] }>();
  readonly startedAt = Date.now();

  record(handler: string, method: string, statusCode: number, seconds: number): void {
    const status = `${Math.floor(statusCode / 100)}xx`;
    const now = Date.now();
    this.samples.push({ at: now, handler, method, status, seconds });
    while (this.samples.length > 0 && this.samples[0]!.at < now - WINDOW_MS) this.samples.shift();
    const key = `${handler}\u0000${method}\u0000${status}`;
    const total = this.totals.get(key) ?? { labels: { handler, method, status }, count: 0, sum: 0, buckets: DURATION_BUCKETS.map(() => 0) };
    total.count += 1;
    total.sum += seconds;
    DURATION_BUCKETS.forEach((le, i) => {
      if (seconds <= le) total.buckets[i]! += 1;
    });
    this.totals.set(key, total);
  }

  /** The Prometheus text exposition the app serves on /metrics. */
  exposition(): string {
    const lines: string[] = [];
    const labelText = (labels: Record<string, string>) =>
      `{${Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}="${v}"`).join(",")}}`;
    lines.push("# HELP http_requests_total Total number of requests by method, status and handler.");
    lines.push("# TYPE http_requests_total counter");
    for (const t of this.totals.values()) lines.push(`http_requests_total${labelText(t.labels)} ${t.count.toFixed(1)}`);
    lines.push("# HELP http_request_duration_seconds Latency with only few buckets by handler. Made to be only used if aggregation by handler is important.");
    lines.push("# TYPE http_request_duration_seconds histogram");
    const byHandler = new Map<string, { labels: Record<string, string>; count: number; sum: number; buckets: number[] }>();
    for (const t of this.totals.values()) {
      const key = `${t.labels.handler}\u0000${t.labels.method}`;
      const agg = byHandler.get(key) ?? { labels: { handler: t.labels.handler!, method: t.labels.method! }, count: 0, sum: 0, buckets: DURATION_BUCKETS.map(() => 0) };
      agg.count += t.count;
      agg.sum += t.sum;
      t.buckets.forEach((b, i) => { agg.buckets[i]! += b; });
      byHandler.set(key, agg);
    }
    for (const h of byHandler.values()) {
      DURATION_BUCKETS.forEach((le, i) => lines.push(`http_request_duration_seconds_bucket${labelText({ ...h.labels, le: le.toFixed(1) })} ${h.buckets[i]!.toFixed(1)}`));
      lines.push(`http_request_duration_seconds_bucket${labelText({ ...h.labels, le: "+Inf" })} ${h.count.toFixed(1)}`);
      lines.push(`http_request_duration_seconds_count${labelText(h.labels)} ${h.count.toFixed(1)}`);
      lines.push(`http_request_duration_seconds_sum${labelText(h.labels)} ${h.sum}`);
    }
    const uptime = (Date.now() - this.startedAt) / 1000;
    lines.push("# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.");
    lines.push("# TYPE process_start_time_seconds gauge");
    lines.push(`process_start_time_seconds ${(this.startedAt / 1000).toFixed(2)}`);
    lines.push("# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.");
    lines.push("# TYPE process_cpu_seconds_total counter");
    lines.push(`process_cpu_seconds_total ${(uptime * 0.002).toFixed(2)}`);
    return `${lines.join("\n")}\n`;
  }

  /**
   * Counter series as Prometheus would have scraped them: http_requests_total and the
   * http_request_duration_seconds_{bucket,count,sum} series, each readable at any past time.
   */
  series(metric: string): Series[] {
    const group = (keyOf: (s: RequestSample) => Record<string, string> | undefined, weight: (s: RequestSample) => number) => {
      const map = new Map<string, { labels: Record<string, string>; samples: Array<{ at: number; w: number }> }>();
      for (const sample of this.samples) {
        const labels = keyOf(sample);
        if (!labels) continue;
        const key = JSON.stringify(labels);
        const entry = map.get(key) ?? { labels, samples: [] };
        entry.samples.push({ at: sample.at, w: weight(sample) });
        map.set(key, entry);
      }
      return [...map.values()].map(({ labels, samples }) => ({
        labels,
        valueAt: (t: number) => samples.reduce((sum, s) => (s.at <= t ? sum + s.w : sum), 0),
      }));
    };
    switch (metric) {
      case "http_requests_total":
        return group((s) => ({ handler: s.handler, method: s.method, status: s.status }), () => 1);
      case "http_request_duration_seconds_count":
        return group((s) => ({ handler: s.handler, method: s.method }), () => 1);
      case "http_request_duration_seconds_sum":
        return group((s) => ({ handler: s.handler, method: s.method }), (s) => s.seconds);
      case "http_request_duration_seconds_bucket":
        return [...DURATION_BUCKETS.map((le) => le.toFixed(1)), "+Inf"].flatMap((le) =>
          group((s) => (le === "+Inf" || s.seconds <= Number(le) ? { handler: s.handler, method: s.method, le } : undefined), () => 1)
            .concat(group((s) => ({ handler: s.handler, method: s.method, le }), () => 0)))
          .filter((series, index, all) => all.findIndex((o) => JSON.stringify(o.labels) === JSON.stringify(series.labels)) === index);
      default:
        return [];
    }
  }
}
