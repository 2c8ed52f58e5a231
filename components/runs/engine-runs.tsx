"use client";

import type { StepEngine } from "@/lib/data/runs";
import { RunHistory } from "./run-history";
import { useEngine } from "./use-engine";

/** The step's runs, refreshed with the panel's own query (one request serves both). */
export function EngineRuns({ teamId, stepId, initial }: { teamId: string; stepId: string; initial: StepEngine }) {
  const { data } = useEngine(teamId, stepId, initial);
  return <RunHistory runs={data.runs} />;
}
