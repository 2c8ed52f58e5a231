import type { TargetState } from "@/lib/load/types";
import { targetLabel } from "@/lib/load/view";
import { RunBadge } from "@/components/runs/run-badge";
import { countText, latencyText, percentText } from "./format";

const cell = "px-2 py-1.5 text-right font-mono tabular-nums";

/** The measurement of every target next to the thresholds it was judged by. */
export function ResultTable({ targets }: { targets: TargetState[] }) {
  return (
    <div className="scroll-visible overflow-x-auto" tabIndex={0} role="region" aria-label="Performance test results">
      <table className="w-full min-w-[44rem] text-sm">
        <caption className="sr-only">Per target: requests, rate, errors, latency percentiles, status codes, connections and verdict</caption>
        <thead className="text-xs text-slate-600">
          <tr className="border-b border-slate-200">
            <th scope="col" className="px-2 py-1.5 text-left font-medium">Target</th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">Requests</th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">Req/s</th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">Errors (max)</th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">p50</th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">p95 (max)</th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">p99</th>
            <th scope="col" className="px-2 py-1.5 text-left font-medium">Status codes</th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">Connections</th>
            <th scope="col" className="px-2 py-1.5 text-left font-medium">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((t) => (
            <tr key={t.spec.checkId} className="border-b border-slate-100 align-top">
              <th scope="row" className="px-2 py-1.5 text-left font-medium">{targetLabel(t.spec)}</th>
              <td className={cell}>{countText(t.totals.requests)}</td>
              <td className={cell}>{countText(t.totals.requestsPerSecond)}</td>
              <td className={cell}>{percentText(t.totals.errorRate)} ({t.spec.thresholds.maxErrorRate * 100}%)</td>
              <td className={cell}>{latencyText(t.latency.p50)}</td>
              <td className={cell}>{latencyText(t.latency.p95)} ({t.spec.thresholds.maxP95LatencyMs} ms)</td>
              <td className={cell}>{latencyText(t.latency.p99)}</td>
              <td className="px-2 py-1.5 font-mono text-xs">{Object.entries(t.totals.statusCodes).map(([c, n]) => `${c} × ${countText(n)}`).join(", ") || "—"}{t.totals.timeouts ? `, ${t.totals.timeouts} timeouts` : ""}{t.totals.connectionErrors ? `, ${t.totals.connectionErrors} broken` : ""}</td>
              <td className={cell}>{t.connections.answered} of {t.connections.configured}</td>
              <td className="px-2 py-1.5">{t.judgement ? <RunBadge status={t.judgement.status} /> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
