"use server";

import { moveTeamMember as move } from "@/lib/data/cohorts";
import { ZMoveMember } from "@/lib/validations/review";
import { defineAction } from "./define-action";

// Moves a student to another team the instructor manages.
export const moveTeamMember = defineAction({
  schema: ZMoveMember,
  run: (actor, input) => move(actor, input.userId, input.teamId),
  revalidate: { path: "/instructor", type: "layout" },
});
