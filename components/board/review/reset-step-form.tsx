"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { resetStep } from "@/lib/actions/reset-step";
import { Button } from "@/components/ui/button";

/** Sets the step back to not started, with a reason kept beside the step's history. */
export function ResetStepForm({ teamId, stepId, stepNumber, teamName }: { teamId: string; stepId: string; stepNumber: string; teamName: string }) {
  const id = useId();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const reset = useMutation({
    mutationFn: async () => {
      const result = await resetStep({ teamId, stepId, reason });
      if (!result.ok) throw new Error(result.fieldErrors?.reason?.[0] ?? result.message ?? "The step was not reset.");
    },
    onSuccess: () => {
      setReason("");
      router.refresh();
    },
  });
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (window.confirm(`Set Step ${stepNumber} of ${teamName} back to not started? Its runs and history stay; checks must pass again.`)) reset.mutate();
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Reason for resetting Step {stepNumber}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="e.g. verified against the wrong namespace" className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm" aria-describedby={reset.isError ? `${id}-error` : undefined} />
        <Button type="submit" variant="danger" disabled={reset.isPending}>
          {reset.isPending ? "Resetting…" : "Reset step"}
        </Button>
      </div>
      {reset.isError ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-rose-700">
          {reset.error.message}
        </p>
      ) : null}
      {reset.isSuccess ? (
        <p role="status" className="text-sm text-emerald-800">
          Step {stepNumber} is back to not started.
        </p>
      ) : null}
    </form>
  );
}
