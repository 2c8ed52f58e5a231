"use client";

import { attestStep } from "@/lib/actions/attest-step";
import type { StepEngine } from "@/lib/data/runs";
import type { StepView } from "@/lib/runs/step-view";
import { Button } from "@/components/ui/button";
import { formatWhen } from "@/lib/utils";
import { useEngineAction } from "./use-engine";

type Manual = StepView["checks"][number];

function AttestForm({ teamId, stepId, check }: { teamId: string; stepId: string; check: Manual }) {
  const attest = useEngineAction(teamId, stepId, attestStep);
  return (
    <form
      className="mt-2 space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const fields = Object.fromEntries((check.fields ?? []).map((f) => [f.id, String(data.get(f.id) ?? "")]));
        attest.mutate({ teamId, stepId, checkId: check.id, fields });
      }}
    >
      {(check.fields ?? []).map((f) => (
        <label key={f.id} className="block text-sm">
          <span className="font-medium text-slate-800">{f.label}{f.required ? " (required)" : ""}</span>
          {f.type === "people" ? (
            <textarea name={f.id} required={f.required} rows={2} maxLength={2000} placeholder="One name per line" className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5" />
          ) : (
            <input name={f.id} required={f.required} type={f.type === "date" ? "date" : f.type === "url" ? "url" : "text"} maxLength={2000} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5" />
          )}
        </label>
      ))}
      <Button type="submit" variant="secondary" disabled={attest.isPending}>I confirm this, as myself</Button>
      {attest.error ? <p role="alert" className="text-sm text-rose-800">{attest.error.message}</p> : null}
    </form>
  );
}

/** What only a person can confirm: a named team member attests it, with a date and the fields it asks for. */
export function AttestSection({ teamId, step, engine }: { teamId: string; step: StepView; engine: StepEngine }) {
  const manual = step.checks.filter((c) => c.kind === "manual");
  return (
    <section aria-labelledby={`attest-${step.id}`} className="space-y-3">
      <h3 id={`attest-${step.id}`} className="text-sm font-semibold text-slate-900">Confirmed by the team</h3>
      <ul className="space-y-2">
        {manual.map((c) => {
          const done = engine.attestations.filter((a) => a.checkId === c.id).at(-1);
          return (
            <li key={c.id} className="rounded-lg border border-slate-200 p-3 text-sm">
              <p className="font-medium text-slate-900">{c.title}</p>
              <p className="text-slate-600">{c.prompt}</p>
              {done ? (
                <p className="mt-1 text-emerald-900">
                  ✓ Confirmed by {done.by ?? "a former member"}, {formatWhen(new Date(done.at))}
                  {Object.entries(done.fields).filter(([, v]) => v).map(([k, v]) => ` · ${c.fields?.find((f) => f.id === k)?.label ?? k}: ${v}`).join("")}
                </p>
              ) : null}
              {engine.may.attest && !done ? <AttestForm teamId={teamId} stepId={step.id} check={c} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
