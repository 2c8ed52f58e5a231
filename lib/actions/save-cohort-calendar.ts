"use server";

import { saveCohortCalendar as save } from "@/lib/data/calendar";
import { ZSaveCalendar } from "@/lib/validations/calendar";
import { defineAction } from "./define-action";

// Sets the cohort's course calendar: the start date, working weekdays, holidays and time zone.
export const saveCohortCalendar = defineAction({
  schema: ZSaveCalendar,
  run: (actor, input) => save(actor, input),
  revalidate: { path: "/", type: "layout" },
});
