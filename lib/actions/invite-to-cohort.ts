"use server";

import { inviteToCohort as invite } from "@/lib/data/invites";
import { ZInviteToCohort } from "@/lib/validations/review";
import { defineFormAction } from "./define-action";

// Adds an instructor or a stakeholder to the cohort, or draws an invitation link for a new email.
export const inviteToCohort = defineFormAction({
  schema: ZInviteToCohort,
  run: (actor, input) => invite(actor, input),
  revalidate: { path: "/instructor", type: "layout" },
  keep: ["email", "role"],
});
