"use server";

import { startStepRun } from "@/lib/data/runs";
import { ZStartRun } from "@/lib/validations/run";
import { defineAction } from "./define-action";

// Starts the step's performance test (load on the team's service, then the step judged with it).
export const runPerformanceTest = defineAction({
  schema: ZStartRun.pick({ teamId: true, stepId: true }),
  run: async (actor, input) => {
    const { runId, created } = await startStepRun(actor, { ...input, kind: "LOAD" });
    return { runId, created };
  },
  revalidate: { path: "/plan", type: "layout" },
});
