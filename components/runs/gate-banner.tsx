"use client";

import { overrideStepGate } from "@/lib/actions/override-step-gate";
import type { StepEngine } from "@/lib/data/runs";
import { Button } from "@/components/ui/button";
import { useEngineAction } from "./use-engine";

/** Why Apply and Verify are locked, and (for the instructor) a way to open them with a reason. */
export function GateBanner({ teamId, stepId, engine }: { teamId: string; stepId: string; engine: StepEngine }) {
  const override = useEngineAction(teamId, stepId, overrideStepGate);
  if (engine.gate.open) {
    return engine.gate.via === "override" ? <p className="rounded-lg border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-900">An instructor opened this step before the previous one was verified.</p> : null;
  }
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950" role="status">
      <p>{engine.gate.reason} You can still do the step by hand; the checks then prove it once the gate opens.</p>
      {engine.may.override ? (
        <form
          className="mt-2 flex flex-col gap-2 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            override.mutate({ teamId, stepId, reason: String(new FormData(e.currentTarget).get("reason") ?? "") });
          }}
        >
          <label className="sr-only" htmlFor={`reason-${stepId}`}>Reason for opening the step</label>
          <input id={`reason-${stepId}`} name="reason" required minLength={3} maxLength={500} placeholder="Why this team may go on" className="flex-1 rounded-md border border-amber-300 bg-white px-2 py-1.5" />
          <Button type="submit" variant="secondary" disabled={override.isPending}>Open this step</Button>
        </form>
      ) : null}
      {override.error ? <p role="alert" className="mt-1 text-rose-800">{override.error.message}</p> : null}
    </div>
  );
}
