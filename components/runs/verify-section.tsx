"use client";

import { cancelRun } from "@/lib/actions/cancel-run";
import { verifyStep } from "@/lib/actions/verify-step";
import type { StepEngine } from "@/lib/data/runs";
import type { StepView } from "@/lib/runs/step-view";
import { Button } from "@/components/ui/button";
import { CheckResultItem } from "./check-result";
import { RunBadge } from "./run-badge";
import { useEngineAction } from "./use-engine";

/** Verify: every automated check against the cluster, with what it expected, found and read. */
export function VerifySection({ teamId, step, engine, locked }: { teamId: string; step: StepView; engine: StepEngine; locked: boolean }) {
  const verify = useEngineAction(teamId, step.id, verifyStep);
  const cancel = useEngineAction(teamId, step.id, cancelRun);
  const automated = step.checks.filter((c) => c.kind !== "manual");
  const latest = engine.latestVerify;
  const running = engine.active?.kind === "VERIFY";
  const shown = latest?.checks ?? [];
  const byId = new Map(shown.map((c) => [c.checkId, c]));
  return (
    <section aria-labelledby={`verify-${step.id}`} className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`verify-${step.id}`} className="mr-auto text-sm font-semibold text-slate-900">Verify against the cluster</h3>
        {engine.may.verify ? <Button disabled={engine.active !== null || verify.isPending || locked} onClick={() => verify.mutate({ teamId, stepId: step.id })}>{running ? "Verifying…" : "Verify"}</Button> : null}
        {running && engine.may.verify ? <Button variant="ghost" onClick={() => cancel.mutate({ runId: engine.active!.id })}>Cancel</Button> : null}
      </div>
      {verify.error ? <p role="alert" className="text-sm text-rose-800">{verify.error.message}</p> : null}
      {latest ? (
        <p className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
          <RunBadge status={latest.status} />
          <span className="text-slate-700">{running ? `${shown.length} of ${automated.length} checks done` : latest.summary}</span>
        </p>
      ) : (
        <p className="text-sm text-slate-600">Not verified yet. {automated.length} automated {automated.length === 1 ? "check" : "checks"} will read the cluster.</p>
      )}
      {shown.length ? (
        <ul className="space-y-2">
          {automated.map((c) => {
            const r = byId.get(c.id);
            return r ? <CheckResultItem key={c.id} result={r} /> : c.once && latest && !running ? <li key={c.id} className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm"><span className="font-medium">{c.title}</span>: observed during an earlier run of this step (a moment of the procedure, not asked again).</li> : null;
          })}
        </ul>
      ) : null}
    </section>
  );
}
