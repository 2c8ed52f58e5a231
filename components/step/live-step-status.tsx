"use client";

import type { StepLiveState } from "@/lib/data/step-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatWhen } from "@/lib/utils";
import { StatusControl } from "./status-control";
import { useStepState } from "./use-step-state";

type Props = { teamId: string; stepId: string; canWrite: boolean; initial: StepLiveState };

/** The step's status and who last changed it, kept current with teammates' changes without a reload. */
export function LiveStepStatus({ teamId, stepId, canWrite, initial }: Props) {
  const { data = initial } = useStepState(teamId, stepId, initial);
  return (
    <>
      {canWrite ? <StatusControl teamId={teamId} stepId={stepId} status={data.status} /> : <StatusBadge status={data.status} />}
      {data.changed ? <p className="text-xs text-slate-600">Last changed by {data.changed.by}, {formatWhen(new Date(data.changed.at))}</p> : null}
    </>
  );
}
