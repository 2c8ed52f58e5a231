"use server";

import { expireJoinCode as expire } from "@/lib/data/cohorts";
import { ZTeamOnly } from "@/lib/validations/review";
import { defineAction } from "./define-action";

// Stops a team's join code working now, without drawing a new one.
export const expireJoinCode = defineAction({
  schema: ZTeamOnly,
  run: (actor, input) => expire(actor, input.teamId),
  revalidate: { path: "/instructor", type: "layout" },
});
