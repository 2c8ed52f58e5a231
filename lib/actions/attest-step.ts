"use server";

import { attestStep as attest } from "@/lib/data/runs";
import { ZAttestStep } from "@/lib/validations/run";
import { defineAction } from "./define-action";

// A named team member confirms what only a person can confirm (a review, a training), stored like a run.
export const attestStep = defineAction({
  schema: ZAttestStep,
  run: (actor, input) => attest(actor, input),
  revalidate: { path: "/plan", type: "layout" },
});
