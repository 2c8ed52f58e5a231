"use server";

import { renameTeam as rename } from "@/lib/data/cohorts";
import { ZRenameTeam } from "@/lib/validations/review";
import { defineAction } from "./define-action";

// Gives a team a new name within its cohort.
export const renameTeam = defineAction({
  schema: ZRenameTeam,
  run: (actor, input) => rename(actor, input.teamId, input.name),
  revalidate: { path: "/", type: "layout" },
});
