"use server";

import { startStepRun } from "@/lib/data/runs";
import { ZStartRun } from "@/lib/validations/run";
import { defineAction } from "./define-action";

// Runs the step's checks against the team's cluster and records the verdict.
export const verifyStep = defineAction({
  schema: ZStartRun.omit({ kind: true }),
  run: async (actor, input) => {
    const { runId, created } = await startStepRun(actor, { ...input, kind: "VERIFY" });
    return { runId, created };
  },
  revalidate: { path: "/plan", type: "layout" },
});
