"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { overrideStepGate } from "@/lib/actions/override-step-gate";
import { Button } from "@/components/ui/button";

/** Opens a step's gate for the team with a reason everyone sees (the step before it is not verified). */
export function OverrideGateForm({ teamId, stepId, stepNumber }: { teamId: string; stepId: string; stepNumber: string }) {
  const id = useId();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const open = useMutation({
    mutationFn: async () => {
      const result = await overrideStepGate({ teamId, stepId, reason });
      if (!result.ok) throw new Error(result.fieldErrors?.reason?.[0] ?? result.message ?? "The gate was not opened.");
    },
    onSuccess: () => router.refresh(),
  });
  return (
    <form
      className="mt-2 space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        open.mutate();
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Reason for opening Step {stepNumber}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="e.g. the cluster was set up by hand for this team" className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm" aria-describedby={open.isError ? `${id}-error` : undefined} />
        <Button type="submit" variant="secondary" disabled={open.isPending}>
          {open.isPending ? "Opening…" : "Open this step"}
        </Button>
      </div>
      {open.isError ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-rose-700">
          {open.error.message}
        </p>
      ) : null}
    </form>
  );
}
