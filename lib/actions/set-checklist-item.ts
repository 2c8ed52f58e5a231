"use server";

import { z } from "zod";
import { setChecklistItem as recordTick } from "@/lib/data/checklist";
import { ZTeamId } from "@/lib/validations/progress";
import { defineAction } from "./define-action";

// Ticks or clears one item of the team's pre-execution checklist on the plan page.
export const setChecklistItem = defineAction({
  schema: z.object({ teamId: ZTeamId, itemKey: z.string().min(1).max(120), checked: z.boolean() }),
  run: (actor, input) => recordTick(actor, input),
  revalidate: { path: "/plan", type: "page" },
});
