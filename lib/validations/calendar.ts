import { z } from "zod";
import { isTimeZone, isValidDate } from "@/lib/calendar/dates";
import { ZId } from "./text";

const ZDate = (label: string) => z.string().trim().refine(isValidDate, `${label} must be a date like 2027-01-04.`);

/** Holidays as typed: dates separated by commas, spaces or lines; each must be a real date. */
const ZHolidays = z
  .string()
  .max(4000, "That is too many holidays.")
  .transform((text) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))].sort())
  .superRefine((dates, ctx) => {
    const bad = dates.find((d) => !isValidDate(d));
    if (bad) ctx.addIssue({ code: "custom", message: `"${bad.slice(0, 20)}" is not a date like 2027-01-06.` });
    if (dates.length > 100) ctx.addIssue({ code: "custom", message: "List at most 100 holidays." });
  });

export const ZSaveCalendar = z.object({
  cohortId: ZId,
  startDate: ZDate("The start date"),
  weekdays: z
    .array(z.number().int().min(1).max(7))
    .min(1, "Pick at least one working day.")
    .transform((days) => [...new Set(days)].sort()),
  holidays: ZHolidays,
  timeZone: z.string().trim().max(64).refine(isTimeZone, "Pick a time zone from the list."),
});
export type TSaveCalendar = z.infer<typeof ZSaveCalendar>;

/** What is stored: read back defensively, since Json columns hold whatever was written. */
export const ZStoredCalendar = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  holidays: z.array(z.string().refine(isValidDate)),
});
