"use server";

import { startStepRun } from "@/lib/data/runs";
import { ZStartRun } from "@/lib/validations/run";
import { defineAction } from "./define-action";

// Server-side applies the step's manifests for the team; a run already going for the step is returned instead.
export const applyStepManifests = defineAction({
  schema: ZStartRun.omit({ kind: true }),
  run: async (actor, input) => {
    const { runId, created } = await startStepRun(actor, { ...input, kind: "APPLY" });
    return { runId, created };
  },
  revalidate: { path: "/plan", type: "layout" },
});
