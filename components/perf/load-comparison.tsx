"use client";

import { PageLink } from "@/components/layout/page-link";
import { compareWithEarlier, type LoadRunSummary } from "@/lib/load/view";
import { RunBadge } from "@/components/runs/run-badge";
import { formatWhen } from "@/lib/utils";
import { latencyText, percentText } from "./format";

/** This run against the team's earlier performance tests: a sentence per target, and the runs side by side. */
export function LoadComparison({ runId, history }: { runId: string; history: LoadRunSummary[] }) {
  const current = history.find((r) => r.runId === runId);
  if (!current) return null;
  const sentences = compareWithEarlier(current, history);
  const labels = [...new Set(history.flatMap((r) => r.targets.map((t) => t.label)))];
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold text-slate-900">Compared with your earlier performance tests</h4>
      {sentences.length ? <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-800">{sentences.map((s) => <li key={s}>{s}</li>)}</ul> : <p className="text-sm text-slate-600">This is your team&apos;s first performance test.</p>}
      {history.length > 1 ? (
        <div className="scroll-visible overflow-x-auto" tabIndex={0} role="region" aria-label="Earlier performance tests">
          <table className="w-full min-w-[36rem] text-sm">
            <thead className="text-xs text-slate-600">
              <tr className="border-b border-slate-200">
                <th scope="col" className="px-2 py-1.5 text-left font-medium">Run</th>
                {labels.map((l) => <th key={l} scope="col" className="px-2 py-1.5 text-right font-medium">{l}: p95 · errors</th>)}
                <th scope="col" className="px-2 py-1.5 text-left font-medium">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr key={r.runId} className={r.runId === runId ? "bg-sky-50" : "border-b border-slate-100"}>
                  <th scope="row" className="px-2 py-1.5 text-left font-normal">
                    <PageLink href={`/plan/runs/${r.runId}`} className="font-medium text-brand-700 hover:underline">Step {r.stepNumber}</PageLink> <span className="text-slate-600">{formatWhen(new Date(r.finishedAt))}{r.runId === runId ? " (this one)" : ""}</span>
                  </th>
                  {labels.map((l) => {
                    const t = r.targets.find((x) => x.label === l);
                    return <td key={l} className="px-2 py-1.5 text-right font-mono tabular-nums">{t ? `${latencyText(t.p95)} · ${percentText(t.errorRate)}` : "—"}</td>;
                  })}
                  <td className="px-2 py-1.5"><RunBadge status={r.status} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
