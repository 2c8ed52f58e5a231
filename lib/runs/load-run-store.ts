import "server-only";
import type { LoadRunSink } from "./load-run";
import { recordRunVerdict } from "./step-status";
import { closeRun, saveProgress } from "./store";

/** The in-process launcher's sink: writes by run id. (A queue worker's sink writes through its lease instead.) */
export const loadRunStore = (runId: string, input: { teamId: string; step: { id: string }; actorId: string | null }): LoadRunSink => ({
  save: (results, summary) => saveProgress(runId, results, summary),
  close: async (outcome, verdict) => {
    await closeRun(runId, outcome);
    if (verdict) await recordRunVerdict(input.teamId, input.step.id, verdict, runId, input.actorId);
  },
});
