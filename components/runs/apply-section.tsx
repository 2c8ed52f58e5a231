"use client";

import { useState } from "react";
import { applyStepManifests } from "@/lib/actions/apply-step-manifests";
import { previewStepApply } from "@/lib/actions/preview-step-apply";
import type { StepEngine } from "@/lib/data/runs";
import type { StepView } from "@/lib/runs/step-view";
import { Button } from "@/components/ui/button";
import { ObjectResults } from "./object-results";
import { RunBadge } from "./run-badge";
import { useEngineAction } from "./use-engine";

type Props = { teamId: string; step: StepView; engine: StepEngine; locked: boolean };

/** Preview (server-side dry run with a diff), then Apply; a field-manager conflict is forced only by choice. */
export function ApplySection({ teamId, step, engine, locked }: Props) {
  const preview = useEngineAction(teamId, step.id, previewStepApply);
  const apply = useEngineAction(teamId, step.id, applyStepManifests);
  const [force, setForce] = useState(false);
  const latest = [engine.latestPreview, engine.latestApply].filter((r) => r !== null).sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  const conflict = latest?.results.objects.some((o) => o.failure?.kind === "conflict");
  const busy = engine.active !== null || preview.isPending || apply.isPending;
  const error = preview.error ?? apply.error;
  return (
    <section aria-labelledby={`apply-${step.id}`} className="space-y-3">
      <h3 id={`apply-${step.id}`} className="text-sm font-semibold text-slate-900">Apply {step.manifests.length === 1 ? "the manifest" : `the ${step.manifests.length} manifests`}</h3>
      <p className="text-sm text-slate-600">
        <span className="font-mono">{step.manifests.join(", ")}</span>, moved to namespace <span className="font-mono">{engine.namespace}</span> with your images, applied server-side.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" disabled={busy || locked} onClick={() => preview.mutate({ teamId, stepId: step.id, force })}>Preview changes</Button>
        <Button disabled={busy || locked} onClick={() => apply.mutate({ teamId, stepId: step.id, force })}>Apply</Button>
        {conflict ? (
          <label className="flex items-center gap-2 text-sm text-amber-900">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} className="h-4 w-4" />
            Take over the conflicting fields (force)
          </label>
        ) : null}
      </div>
      {error ? <p role="alert" className="text-sm text-rose-800">{error.message}</p> : null}
      {latest ? (
        <div className="space-y-2">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <RunBadge status={latest.status} />
            <span className="font-medium">{latest.kind === "PREVIEW" ? "Preview" : "Apply"}</span>
            <span className="text-slate-700">{latest.summary}</span>
          </p>
          {latest.status !== "RUNNING" ? <ObjectResults results={latest.results} /> : null}
        </div>
      ) : null}
    </section>
  );
}
