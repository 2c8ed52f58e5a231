"use server";

import { resetStep as setBack } from "@/lib/data/step-reset";
import { ZResetStep } from "@/lib/validations/review";
import { defineAction } from "./define-action";

// An instructor sets a team's step back to not started, with a reason; its history and runs stay.
export const resetStep = defineAction({
  schema: ZResetStep,
  run: (actor, input) => setBack(actor, input),
  revalidate: [{ path: "/plan", type: "layout" }, { path: "/instructor", type: "layout" }],
});
