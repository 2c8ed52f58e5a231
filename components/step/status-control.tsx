"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { setStepStatus } from "@/lib/actions/set-step-status";
import type { StepStatus } from "@/lib/progress/compute";
import { cn } from "@/lib/utils";

const CHOICES = [
  { value: "NOT_STARTED", label: "Not started" },
  { value: "IN_PROGRESS", label: "In progress" },
  { value: "DONE_MANUAL", label: "Done" },
] as const;
type Choice = (typeof CHOICES)[number]["value"];

class StatusError extends Error {
  constructor(message: string, readonly current?: StepStatus) {
    super(message);
  }
}

type Props = { teamId: string; stepId: string; status: StepStatus; stepLabels: Record<string, string> };

export function StatusControl({ teamId, stepId, status, stepLabels }: Props) {
  const [shown, setShown] = useState<StepStatus>(status);
  useEffect(() => setShown(status), [status]); // a refresh brings teammates' changes
  const [warning, setWarning] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ next, expected }: { next: Choice; expected: StepStatus }) => {
      const result = await setStepStatus({ teamId, stepId, status: next, expected });
      if (!result.ok) throw new StatusError(result.message ?? "The status was not saved.", result.current);
      return result.data!;
    },
    onMutate: ({ next }) => {
      const previous = shown;
      setShown(next);
      setWarning(null);
      return { previous };
    },
    onError: (error, _next, context) => setShown(error instanceof StatusError && error.current ? error.current : (context?.previous ?? status)),
    onSuccess: (result) => {
      const skipped = result.skippedSteps;
      if (skipped.length > 0) {
        const names = skipped.slice(0, 3).map((id) => stepLabels[id] ?? id).join(", ");
        setWarning(`Heads up: ${names}${skipped.length > 3 ? ` and ${skipped.length - 3} more` : ""} ${skipped.length === 1 ? "is" : "are"} not done yet. Going ahead is allowed, but each step builds on the ones before it.`);
      }
    },
  });

  return (
    <div className="space-y-2">
      <div role="radiogroup" aria-label="Step status" className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5 shadow-sm">
        {CHOICES.map((choice) => {
          const selected = shown === choice.value || (choice.value === "DONE_MANUAL" && shown === "VERIFIED");
          return (
            <button
              key={choice.value}
              type="button"
              role="radio"
              aria-checked={selected}
              disabled={mutation.isPending}
              onClick={() => !selected && mutation.mutate({ next: choice.value, expected: shown })}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm font-medium transition disabled:cursor-wait",
                selected ? (choice.value === "DONE_MANUAL" ? "bg-emerald-600 text-white" : choice.value === "IN_PROGRESS" ? "bg-amber-500 text-white" : "bg-slate-700 text-white") : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {choice.label}
            </button>
          );
        })}
      </div>
      <div aria-live="polite" className="text-sm">
        {mutation.isPending ? <p className="text-slate-600">Saving…</p> : null}
        {mutation.isError ? <p role="alert" className="text-rose-700">{mutation.error.message}</p> : null}
        {warning ? <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">{warning}</p> : null}
      </div>
    </div>
  );
}
