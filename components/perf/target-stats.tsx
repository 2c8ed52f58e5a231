import type { TargetState } from "@/lib/load/types";
import { countText, latencyText, percentText, pointRate } from "./format";

/** Requests so far, the current rate, errors and latency percentiles of one target. */
export function TargetStats({ target, running }: { target: TargetState; running: boolean }) {
  const last = target.series.at(-1);
  const stats: [string, string][] = [
    ["Requests", countText(target.totals.requests)],
    [running ? "Req/s now" : "Req/s", countText(running ? (last ? pointRate(last) : 0) : target.totals.requestsPerSecond)],
    ["Errors", `${countText(target.totals.errors)} (${percentText(target.totals.errorRate)})`],
    ["p50", latencyText(target.latency.p50)],
    ["p95", latencyText(target.latency.p95)],
    ["p99", latencyText(target.latency.p99)],
  ];
  return (
    <dl className="grid grid-cols-3 gap-2 sm:grid-cols-6">
      {stats.map(([k, v]) => (
        <div key={k} className="rounded-lg bg-slate-50 px-2.5 py-2">
          <dt className="text-xs text-slate-600">{k}</dt>
          <dd className="font-mono text-sm font-semibold tabular-nums text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
