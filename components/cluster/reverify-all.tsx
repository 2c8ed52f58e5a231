"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { reverifyAllSteps } from "@/lib/actions/reverify-all-steps";
import type { BatchProgress } from "@/lib/runs/batch";
import { Button } from "@/components/ui/button";

async function fetchProgress(teamId: string, batchId: string): Promise<BatchProgress> {
  const res = await fetch(`/api/teams/${encodeURIComponent(teamId)}/batches/${encodeURIComponent(batchId)}`, { cache: "no-store" });
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
  return (await res.json()) as BatchProgress;
}

/** Re-runs every verified step's checks as one background job; shows "23 of 31 steps" as they finish. */
export function ReverifyAll({ teamId }: { teamId: string }) {
  const router = useRouter();
  const run = useMutation({
    mutationFn: async () => {
      const r = await reverifyAllSteps({ teamId });
      if (!r.ok) throw new Error(r.message);
      return r.data!;
    },
  });
  const batchId = run.data && run.data.started > 0 ? run.data.batchId : null;
  const progress = useQuery({
    queryKey: ["reverify", teamId, batchId],
    queryFn: () => fetchProgress(teamId, batchId!),
    enabled: batchId !== null,
    refetchInterval: (q) => (q.state.data?.finished ? false : 1000),
  });
  const finished = progress.data?.finished ?? false;
  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);
  const running = batchId !== null && !finished;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" disabled={run.isPending || running} onClick={() => run.mutate()}>Re-verify all verified steps</Button>
      {run.data?.started === 0 ? <span role="status" className="text-sm text-slate-700">No verified step to re-check yet.</span> : null}
      {batchId ? (
        <span role="status" className="text-sm text-slate-700">
          {progress.data ? progress.data.summary : `Re-checking ${run.data!.started} steps in the background…`}
          {running && progress.data && progress.data.total > 0 ? <progress className="ml-2 h-2 w-32 align-middle accent-sky-700" max={progress.data.total} value={progress.data.done} aria-label="Steps re-checked" /> : null}
        </span>
      ) : null}
      {run.error ? <span role="alert" className="text-sm text-rose-800">{run.error.message}</span> : null}
      {progress.error ? <span role="alert" className="text-sm text-rose-800">{progress.error.message}</span> : null}
    </div>
  );
}
