"use server";

import { overrideGate } from "@/lib/data/runs";
import { ZOverrideGate } from "@/lib/validations/run";
import { defineAction } from "./define-action";

// An instructor lets a team start a step before the previous one is verified, with a reason everyone sees.
export const overrideStepGate = defineAction({
  schema: ZOverrideGate,
  run: (actor, input) => overrideGate(actor, input),
  revalidate: { path: "/plan", type: "layout" },
});
