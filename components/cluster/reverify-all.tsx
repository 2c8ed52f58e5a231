"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { reverifyAllSteps } from "@/lib/actions/reverify-all-steps";
import { Button } from "@/components/ui/button";

/** Re-runs every verified step's checks at once; a step that broke since becomes "regressed". */
export function ReverifyAll({ teamId }: { teamId: string }) {
  const router = useRouter();
  const run = useMutation({
    mutationFn: async () => {
      const r = await reverifyAllSteps({ teamId });
      if (!r.ok) throw new Error(r.message);
      return r.data!;
    },
    onSuccess: () => setTimeout(() => router.refresh(), 1500),
  });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" disabled={run.isPending} onClick={() => run.mutate()}>Re-verify all verified steps</Button>
      {run.data ? <span role="status" className="text-sm text-slate-700">{run.data.started === 0 ? "No verified step to re-check yet." : `Re-checking ${run.data.started} steps; the plan shows regressions as they finish.`}</span> : null}
      {run.error ? <span role="alert" className="text-sm text-rose-800">{run.error.message}</span> : null}
    </div>
  );
}
