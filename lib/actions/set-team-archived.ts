"use server";

import { setTeamArchived as archive } from "@/lib/data/cohorts";
import { ZSetTeamArchived } from "@/lib/validations/review";
import { defineAction } from "./define-action";

// Archives a team (it leaves the board, its data stays) or restores it.
export const setTeamArchived = defineAction({
  schema: ZSetTeamArchived,
  run: (actor, input) => archive(actor, input.teamId, input.archived),
  revalidate: { path: "/", type: "layout" },
});
