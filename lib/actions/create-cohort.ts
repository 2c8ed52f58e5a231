"use server";

import { createCohort as insertCohort } from "@/lib/data/cohorts";
import { ZCreateCohort } from "@/lib/validations/account";
import { defineFormAction } from "./define-action";

// Creates a cohort owned by the signed-in instructor and opens its board.
export const createCohort = defineFormAction({
  schema: ZCreateCohort,
  run: (actor, input) => insertCohort(actor, input.name),
  revalidate: { path: "/instructor", type: "layout" },
  redirectTo: (cohort) => `/instructor?cohort=${encodeURIComponent(cohort.id)}`,
  keep: ["name"],
});
