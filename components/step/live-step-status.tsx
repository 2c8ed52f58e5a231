"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { StepLiveState } from "@/lib/data/step-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatWhen } from "@/lib/utils";
import { StatusControl } from "./status-control";
import { stepStateKey, useStepState } from "./use-step-state";

type Props = { teamId: string; stepId: string; canWrite: boolean; initial: StepLiveState };

/** The step's status and who last changed it, kept current with teammates' changes without a reload. */
export function LiveStepStatus({ teamId, stepId, canWrite, initial }: Props) {
  const { data = initial } = useStepState(teamId, stepId, initial);
  const client = useQueryClient();
  useEffect(() => {
    // A new server render (after this user's status change, which revalidates the page) is the newest state.
    // Set after React commits it: an update from the cache during that render would make React redo it.
    client.setQueryData<StepLiveState>(stepStateKey(teamId, stepId), (old) => (old ? { ...old, status: initial.status, changed: initial.changed } : initial));
  }, [client, teamId, stepId, initial]);
  return (
    <>
      {canWrite ? <StatusControl teamId={teamId} stepId={stepId} status={data.status} /> : <StatusBadge status={data.status} />}
      {data.changed ? <p className="text-xs text-slate-600">Last changed by {data.changed.by}, {formatWhen(new Date(data.changed.at))}</p> : null}
    </>
  );
}
