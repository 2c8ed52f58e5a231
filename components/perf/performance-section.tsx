"use client";

import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { cancelRun } from "@/lib/actions/cancel-run";
import { runPerformanceTest } from "@/lib/actions/run-performance-test";
import type { StepEngine } from "@/lib/data/runs";
import type { LoadTargetSpec } from "@/lib/load/types";
import { targetLabel } from "@/lib/load/view";
import { Button } from "@/components/ui/button";
import { RunBadge } from "@/components/runs/run-badge";
import { engineKey, useEngineAction } from "@/components/runs/use-engine";
import { formatWhen } from "@/lib/utils";
import { LoadComparison } from "./load-comparison";
import { LoadRunView } from "./load-run-view";
import { historyKey, loadKey, useLoadHistory, useStepLoad } from "./use-load";

function Plan({ targets, timeScale }: { targets: LoadTargetSpec[]; timeScale: number }) {
  const first = targets[0];
  if (!first) return null;
  const same = targets.every((t) => t.durationSeconds === first.durationSeconds && t.concurrency === first.concurrency);
  return (
    <div className="space-y-1 text-sm text-slate-700">
      <p>
        {same ? `${first.durationSeconds} s with ${first.concurrency} concurrent connections on each of ` : "Load on "}
        {targets.map((t, i) => <span key={t.checkId}>{i ? ", " : ""}<span className="font-medium text-slate-900">{targetLabel(t)}</span>{same ? "" : ` (${t.durationSeconds} s × ${t.concurrency})`}</span>)}
        , through port-forwards to every ready pod. It passes with at most {first.thresholds.maxErrorRate * 100}% errors and a p95 of at most {first.thresholds.maxP95LatencyMs} ms, as validation/performance-test.sh; then the step&apos;s other checks are verified too.
      </p>
      {timeScale !== 1 ? <p className="text-xs text-amber-900">Time scale {timeScale} (DAYBOOK_TIME_SCALE, for tests): a run lasts {Math.max(1, Math.round(first.durationSeconds * timeScale))} s instead of {first.durationSeconds} s.</p> : null}
    </div>
  );
}

/** The step's performance test: start it, follow it live (bar, numbers, chart), cancel it, and read its result. */
export function PerformanceSection({ teamId, stepId, engine, locked }: { teamId: string; stepId: string; engine: StepEngine; locked: boolean }) {
  const client = useQueryClient();
  const { data } = useStepLoad(teamId, stepId);
  const history = useLoadHistory(teamId);
  const start = useEngineAction(teamId, stepId, runPerformanceTest);
  const cancel = useEngineAction(teamId, stepId, cancelRun);
  const latest = data?.latest ?? null;
  const running = latest?.status === "RUNNING";
  const wasRunning = useRef(running);
  useEffect(() => {
    // The test ended: the step's verdict, its checks and the comparison with earlier tests changed with it.
    if (wasRunning.current && !running) {
      void client.invalidateQueries({ queryKey: historyKey(teamId) });
      void client.invalidateQueries({ queryKey: engineKey(teamId, stepId) });
    }
    wasRunning.current = running;
  }, [client, running, teamId, stepId]);
  const onStart = () => start.mutate({ teamId, stepId }, { onSettled: () => client.invalidateQueries({ queryKey: loadKey(teamId, stepId) }) });
  return (
    <section aria-labelledby={`perf-${stepId}`} className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`perf-${stepId}`} className="mr-auto text-sm font-semibold text-slate-900">Performance test</h3>
        {data?.may.run ? <Button disabled={engine.active !== null || start.isPending || locked} onClick={onStart}>{running ? "Running…" : "Run performance test"}</Button> : null}
        {running && data?.may.run ? <Button variant="ghost" onClick={() => cancel.mutate({ runId: latest.id }, { onSettled: () => client.invalidateQueries({ queryKey: loadKey(teamId, stepId) }) })}>Cancel</Button> : null}
      </div>
      {data ? <Plan targets={data.plan.targets} timeScale={data.plan.timeScale} /> : <p className="text-sm text-slate-600">Loading the performance test…</p>}
      {start.error ? <p role="alert" className="text-sm text-rose-800">{start.error.message}</p> : null}
      {cancel.error ? <p role="alert" className="text-sm text-rose-800">{cancel.error.message}</p> : null}
      {latest ? (
        <div className="space-y-3" aria-live="polite">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <RunBadge status={latest.status} />
            <span className="text-slate-700">{latest.startedBy ?? "Daybook"}, {formatWhen(new Date(latest.startedAt))}{running ? "" : ` · ${latest.summary}`}</span>
          </p>
          <LoadRunView load={latest.load} running={running} />
          {!running && latest.load.phase === "done" && history.data ? <LoadComparison runId={latest.id} history={history.data} /> : null}
        </div>
      ) : data ? (
        <p className="text-sm text-slate-600">Not run yet.</p>
      ) : null}
    </section>
  );
}
