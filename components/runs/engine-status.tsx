"use client";

import { StatusBadge } from "@/components/ui/status-badge";
import type { StepEngine } from "@/lib/data/runs";
import { useEngine } from "./use-engine";

const SET_BY_RUNS = new Set(["VERIFIED", "FAILED", "REGRESSED", "ATTESTED"]);

/** What the cluster (or an attestation) last said about the step, kept live with the engine state. */
export function EngineStatus({ teamId, stepId, initial }: { teamId: string; stepId: string; initial: StepEngine }) {
  const { data } = useEngine(teamId, stepId, initial);
  if (!SET_BY_RUNS.has(data.status)) return null;
  return (
    <p className="flex items-center gap-2 text-xs text-slate-600 lg:justify-end" aria-live="polite">
      <span>Cluster says</span> <StatusBadge status={data.status} />
    </p>
  );
}
