"use server";

import { reverifyAll } from "@/lib/data/runs";
import { ZTeamRuns } from "@/lib/validations/run";
import { defineAction } from "./define-action";

// Re-runs the checks of every verified step of the team at once; what fails now is marked regressed.
export const reverifyAllSteps = defineAction({
  schema: ZTeamRuns,
  run: async (actor, input) => {
    const { batchId, started } = await reverifyAll(actor, input.teamId);
    return { batchId, started };
  },
  revalidate: { path: "/plan", type: "layout" },
});
