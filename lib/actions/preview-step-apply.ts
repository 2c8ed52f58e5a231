"use server";

import { startStepRun } from "@/lib/data/runs";
import { ZStartRun } from "@/lib/validations/run";
import { defineAction } from "./define-action";

// Dry-runs the step's manifests on the server and keeps the diff; nothing changes.
export const previewStepApply = defineAction({
  schema: ZStartRun.omit({ kind: true }),
  run: async (actor, input) => {
    const { runId, created } = await startStepRun(actor, { ...input, kind: "PREVIEW" });
    return { runId, created };
  },
  revalidate: { path: "/plan", type: "layout" },
});
