"use server";

import { setMemberDesignation as updateDesignation } from "@/lib/data/cohorts";
import { ZSetDesignation } from "@/lib/validations/account";
import { defineAction } from "./define-action";

// Names a student technical lead or project manager of their team (used by the Day 20 sign-off).
export const setMemberDesignation = defineAction({
  schema: ZSetDesignation,
  run: (actor, input) => updateDesignation(actor, input.userId, input.designation),
  revalidate: { path: "/instructor", type: "layout" },
});
