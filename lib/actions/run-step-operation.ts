"use server";

import { startStepRun } from "@/lib/data/runs";
import { ZStartRun } from "@/lib/validations/run";
import { defineAction } from "./define-action";

// Runs one of the step's kubectl-style commands (set image, rollout undo, drain, …) with kubectl's semantics.
export const runStepOperation = defineAction({
  schema: ZStartRun.omit({ kind: true }),
  run: async (actor, input) => {
    const { runId, created } = await startStepRun(actor, { ...input, kind: "OPERATION" });
    return { runId, created };
  },
  revalidate: { path: "/plan", type: "layout" },
});
