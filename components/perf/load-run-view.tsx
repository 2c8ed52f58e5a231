"use client";

import type { LoadState } from "@/lib/load/types";
import { targetLabel } from "@/lib/load/view";
import { ProgressBar } from "@/components/ui/progress-bar";
import { RunBadge } from "@/components/runs/run-badge";
import { clock } from "./format";
import { LoadChart } from "./load-chart";
import { ResultTable } from "./result-table";
import { TargetStats } from "./target-stats";

/** A performance test as it goes or as it ended: progress, each target's numbers and chart, then the result table. */
export function LoadRunView({ load, running }: { load: LoadState; running: boolean }) {
  const percent = load.plannedMs ? Math.min(100, Math.round((load.elapsedMs / load.plannedMs) * 100)) : 0;
  const plannedSeconds = Math.ceil(load.plannedMs / 1000);
  return (
    <div className="space-y-4">
      {running ? (
        <div className="space-y-1">
          <div className="flex flex-wrap justify-between gap-2 text-sm">
            <span className="font-medium text-slate-800">{load.phase === "starting" ? "Opening port-forwards…" : load.phase === "judging" ? "Load done; judging the step…" : "Under load"}</span>
            <span className="font-mono tabular-nums text-slate-700">{clock(load.elapsedMs)} of {clock(load.plannedMs)}</span>
          </div>
          <ProgressBar percent={percent} label="Performance test progress" />
        </div>
      ) : null}
      {load.targets.map((t) => (
        <section key={t.spec.checkId} aria-label={`Load on ${targetLabel(t.spec)}`} className="space-y-2 rounded-lg border border-slate-200 p-3">
          <div className="flex flex-wrap items-center gap-2">
            <h4 className="mr-auto text-sm font-semibold text-slate-900">{targetLabel(t.spec)} <span className="font-normal text-slate-600">· {t.pods.length} {t.pods.length === 1 ? "pod" : "pods"}</span></h4>
            {t.judgement ? <RunBadge status={t.judgement.status} /> : null}
          </div>
          {t.problem ? <p className="text-sm text-rose-800">{t.problem.message}</p> : null}
          {t.judgement && t.judgement.status !== "pass" ? <p className="text-sm text-slate-800">{t.judgement.actual}</p> : null}
          <TargetStats target={t} running={running} />
          {t.problem ? null : <LoadChart series={t.series} label={targetLabel(t.spec)} plannedSeconds={plannedSeconds} />}
        </section>
      ))}
      {!running && load.phase === "done" ? <ResultTable targets={load.targets} /> : null}
    </div>
  );
}
