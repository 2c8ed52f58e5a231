"use server";

import { cancelStepRun } from "@/lib/data/runs";
import { ZRunId } from "@/lib/validations/run";
import { defineAction } from "./define-action";

// Stops a run that is waiting for the cluster to settle; what it saw so far is kept.
export const cancelRun = defineAction({
  schema: ZRunId,
  run: (actor, input) => cancelStepRun(actor, input.runId),
  revalidate: { path: "/plan", type: "layout" },
});
