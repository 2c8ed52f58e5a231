"use client";

import { runStepOperation } from "@/lib/actions/run-step-operation";
import type { StepEngine } from "@/lib/data/runs";
import type { StepView } from "@/lib/runs/step-view";
import { Button } from "@/components/ui/button";
import { RunBadge } from "./run-badge";
import { useEngineAction } from "./use-engine";

/** The guide's imperative commands, runnable from here with kubectl's semantics, in the guide's order. */
export function OperationsSection({ teamId, step, engine, locked }: { teamId: string; step: StepView; engine: StepEngine; locked: boolean }) {
  const run = useEngineAction(teamId, step.id, runStepOperation);
  const busy = engine.active !== null || run.isPending;
  const last = (id: string) => engine.runs.find((r) => r.kind === "OPERATION" && r.operationId === id);
  return (
    <section aria-labelledby={`ops-${step.id}`} className="space-y-3">
      <h3 id={`ops-${step.id}`} className="text-sm font-semibold text-slate-900">Run the step&apos;s commands</h3>
      <ol className="space-y-2">
        {step.operations.map((op, i) => {
          const r = last(op.id);
          return (
            <li key={op.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 sm:flex-row sm:items-center">
              <span className="min-w-0 flex-1 text-sm">
                <span className="mr-2 text-slate-500">{i + 1}.</span>
                <span className="break-words font-mono text-xs sm:text-sm">{op.label}</span>
                {r ? (
                  <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-700">
                    <RunBadge status={r.status} /> {r.summary}
                  </span>
                ) : null}
              </span>
              <Button variant="secondary" disabled={busy || locked} onClick={() => run.mutate({ teamId, stepId: step.id, operationId: op.id })} aria-label={`Run: ${op.label}`}>
                Run
              </Button>
            </li>
          );
        })}
      </ol>
      {run.error ? <p role="alert" className="text-sm text-rose-800">{run.error.message}</p> : null}
    </section>
  );
}
