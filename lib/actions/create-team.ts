"use server";

import { createTeam as insertTeam } from "@/lib/data/cohorts";
import { ZCreateTeam } from "@/lib/validations/account";
import { defineFormAction } from "./define-action";

// Creates a team in one of the instructor's cohorts, with a fresh join code.
export const createTeam = defineFormAction({
  schema: ZCreateTeam,
  run: async (actor, input) => {
    const team = await insertTeam(actor, input.cohortId, input.name);
    return { name: team.name, joinCode: team.joinCode };
  },
  revalidate: { path: "/instructor", type: "layout" },
  keep: ["name"],
});
