import type { ReactNode } from "react";
import type { TargetState } from "@/lib/load/types";
import { targetLabel } from "@/lib/load/view";
import { RunBadge } from "@/components/runs/run-badge";
import { countText, latencyText, percentText } from "./format";

const statusCodesText = (t: TargetState) =>
  [
    ...Object.entries(t.totals.statusCodes).map(([c, n]) => `${c} × ${countText(n)}`),
    t.totals.timeouts ? `${countText(t.totals.timeouts)} timeouts` : "",
    t.totals.connectionErrors ? `${countText(t.totals.connectionErrors)} broken` : "",
  ].filter(Boolean).join(", ") || "—";

const Limit = ({ children }: { children: ReactNode }) => <span className="block font-sans text-xs text-slate-500">{children}</span>;

// One row per measure and one column per target: a test has a few targets and many measures, so the
// table fits a laptop's panel and a phone without hiding the verdict off to the side.
const MEASURES: { name: string; value: (t: TargetState) => ReactNode }[] = [
  { name: "Verdict", value: (t) => (t.judgement ? <RunBadge status={t.judgement.status} /> : "—") },
  { name: "Requests", value: (t) => countText(t.totals.requests) },
  { name: "Requests/s", value: (t) => countText(t.totals.requestsPerSecond) },
  { name: "Errors", value: (t) => <>{percentText(t.totals.errorRate)}<Limit>at most {t.spec.thresholds.maxErrorRate * 100}%</Limit></> },
  { name: "p50", value: (t) => latencyText(t.latency.p50) },
  { name: "p95", value: (t) => <>{latencyText(t.latency.p95)}<Limit>at most {t.spec.thresholds.maxP95LatencyMs} ms</Limit></> },
  { name: "p99", value: (t) => latencyText(t.latency.p99) },
  { name: "Status codes", value: statusCodesText },
  { name: "Connections answered", value: (t) => `${t.connections.answered} of ${t.connections.configured}` },
];

/** The measurement of every target next to the thresholds it was judged by. */
export function ResultTable({ targets }: { targets: TargetState[] }) {
  return (
    <div className="scroll-visible overflow-x-auto" tabIndex={0} role="region" aria-label="Performance test results">
      <table className="w-full text-sm">
        <caption className="sr-only">For each target: verdict, requests, rate, errors and p95 with their limits, latency percentiles, status codes and connections</caption>
        <thead className="text-xs text-slate-600">
          <tr className="border-b border-slate-200">
            <td className="px-2 py-1.5" />
            {targets.map((t) => (
              <th key={t.spec.checkId} scope="col" className="px-2 py-1.5 text-left font-medium">{targetLabel(t.spec)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {MEASURES.map((m) => (
            <tr key={m.name} className="border-b border-slate-100 align-top">
              <th scope="row" className="px-2 py-1.5 text-left font-medium text-slate-700">{m.name}</th>
              {targets.map((t) => (
                <td key={t.spec.checkId} className="px-2 py-1.5 font-mono tabular-nums">{m.value(t)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
