"use server";

import { rotateJoinCode as drawJoinCode } from "@/lib/data/cohorts";
import { ZRotateJoinCode } from "@/lib/validations/account";
import { defineAction } from "./define-action";

// Gives a team a new join code (and a new expiry); links with the old code stop working.
export const rotateJoinCode = defineAction({
  schema: ZRotateJoinCode,
  run: (actor, input) => drawJoinCode(actor, input.teamId),
  revalidate: { path: "/instructor", type: "layout" },
});
