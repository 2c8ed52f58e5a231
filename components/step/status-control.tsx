"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { setStepStatus } from "@/lib/actions/set-step-status";
import type { StepStatus } from "@/lib/progress/compute";
import { cn } from "@/lib/utils";
import { stepStateKey } from "./use-step-state";

const CHOICES = [
  { value: "NOT_STARTED", label: "Not started", checked: "bg-slate-700 text-white" },
  { value: "IN_PROGRESS", label: "In progress", checked: "bg-amber-700 text-white" },
  { value: "DONE_MANUAL", label: "Done", checked: "bg-emerald-700 text-white" },
] as const;
type Choice = (typeof CHOICES)[number]["value"];

class StatusError extends Error {
  constructor(message: string, readonly current?: StepStatus) {
    super(message);
  }
}

type Props = { teamId: string; stepId: string; status: StepStatus };

/**
 * Native radio buttons, so arrow keys move between the choices and focus stays on them while saving.
 * Choices made while a save is under way are queued: the last one is sent once the first is confirmed.
 * `status` is the step state the page keeps fresh.
 */
export function StatusControl({ teamId, stepId, status }: Props) {
  const name = useId();
  const [shown, setShown] = useState<StepStatus>(status);
  const confirmed = useRef<StepStatus>(status);
  const queued = useRef<Choice | null>(null);
  const saving = useRef(false);
  const client = useQueryClient();
  useEffect(() => {
    // A refresh brings teammates' changes; one that left before this user's save landed is not news.
    if (saving.current) return;
    confirmed.current = status;
    setShown(status);
  }, [status]);

  const mutation = useMutation({
    mutationFn: async ({ next, expected }: { next: Choice; expected: StepStatus }) => {
      // A refresh already under way would land with the status from before this change.
      await client.cancelQueries({ queryKey: stepStateKey(teamId, stepId) });
      const result = await setStepStatus({ teamId, stepId, status: next, expected });
      if (!result.ok) throw new StatusError(result.message ?? "The status was not saved.", result.current);
      return result.data!;
    },
    onSuccess: (result) => {
      // The page the action re-rendered brings who changed it and when (LiveStepStatus seeds the step state from it).
      confirmed.current = result.status;
    },
    onError: (error) => {
      queued.current = null;
      if (error instanceof StatusError && error.current) confirmed.current = error.current;
      setShown(confirmed.current);
    },
    onSettled: (_result, error): void => {
      const next = queued.current;
      queued.current = null;
      if (next && next !== confirmed.current) {
        mutation.mutate({ next, expected: confirmed.current });
        return;
      }
      saving.current = false;
      // A refusal (a teammate changed it first): who did and when, at once rather than at the next refresh.
      if (error) void client.invalidateQueries({ queryKey: stepStateKey(teamId, stepId) });
    },
  });

  // The ref, not mutation.isPending: two quick key presses run with the same render's closure, where the
  // first save is not pending yet, and would send both at once (the second refused as a conflict).
  const choose = (next: Choice) => {
    setShown(next);
    if (saving.current) {
      queued.current = next;
      return;
    }
    saving.current = true;
    mutation.mutate({ next, expected: confirmed.current });
  };

  return (
    <div className="space-y-2">
      <fieldset className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5 shadow-sm">
        <legend className="sr-only">Step status</legend>
        {CHOICES.map((choice) => {
          const selected = shown === choice.value || (choice.value === "DONE_MANUAL" && shown === "VERIFIED");
          return (
            <label key={choice.value} className="relative">
              <input type="radio" name={name} value={choice.value} checked={selected} onChange={() => choose(choice.value)} className="peer absolute inset-0 cursor-pointer appearance-none opacity-0" />
              <span
                className={cn(
                  "pointer-events-none block rounded-md px-3 py-1.5 text-sm font-medium transition peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600",
                  selected ? choice.checked : "text-slate-700 peer-hover:bg-slate-100",
                )}
              >
                {choice.label}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div aria-live="polite" className="text-sm">
        {mutation.isPending ? <p className="text-slate-600">Saving…</p> : null}
        {mutation.isError ? <p role="alert" className="text-rose-700">{mutation.error.message}</p> : null}
      </div>
    </div>
  );
}
