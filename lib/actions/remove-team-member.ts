"use server";

import { removeTeamMember as remove } from "@/lib/data/cohorts";
import { ZMember } from "@/lib/validations/review";
import { defineAction } from "./define-action";

// Takes a student off their team; their account and what they did for the team stay.
export const removeTeamMember = defineAction({
  schema: ZMember,
  run: (actor, input) => remove(actor, input.userId),
  revalidate: { path: "/instructor", type: "layout" },
});
