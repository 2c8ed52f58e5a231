import "server-only";
import { audited } from "@/lib/audit/append";
import type { Actor } from "@/lib/auth/session";
import { courseToday, DEFAULT_WEEKDAYS, type CourseCalendar, type CourseToday } from "@/lib/calendar/course-calendar";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { ZStoredCalendar, type TSaveCalendar } from "@/lib/validations/calendar";
import { authorizeCohort, authorizeTeam } from "./access";
import { cohortScope } from "./scope";

type CalendarRow = { startDate: Date; weekdays: unknown; holidays: unknown; timeZone: string };

/** A stored row as a calendar; a row that no longer parses falls back to Monday–Friday without holidays. */
export function calendarOf(row: CalendarRow): CourseCalendar {
  const stored = ZStoredCalendar.safeParse({ weekdays: row.weekdays, holidays: row.holidays });
  return {
    startDate: row.startDate.toISOString().slice(0, 10),
    weekdays: stored.success ? stored.data.weekdays : DEFAULT_WEEKDAYS,
    holidays: stored.success ? stored.data.holidays : [],
    timeZone: row.timeZone,
  };
}

const SELECT = { startDate: true, weekdays: true, holidays: true, timeZone: true } as const;

export type CohortCalendarView = { calendar: CourseCalendar; today: CourseToday } | null;

/** The cohort's calendar and what day it is; null while the instructor has not set one. */
export async function getCohortCalendar(actor: Actor, cohortId: string, now = new Date()): Promise<CohortCalendarView> {
  await authorizeCohort(actor, "calendar.read", cohortId);
  const row = await (await getDb()).cohortCalendar.findUnique({ where: { cohortId }, select: SELECT });
  if (!row) return null;
  const calendar = calendarOf(row);
  return { calendar, today: courseToday(calendar, now) };
}

/** The calendar of the team's cohort, for the team's own pages. */
export async function getTeamCalendar(actor: Actor, teamId: string, now = new Date()): Promise<CohortCalendarView> {
  await authorizeTeam(actor, "calendar.read", teamId);
  const row = await (await getDb()).cohortCalendar.findFirst({ where: { cohort: { teams: { some: { id: teamId } } } }, select: SELECT });
  if (!row) return null;
  const calendar = calendarOf(row);
  return { calendar, today: courseToday(calendar, now) };
}

export async function saveCohortCalendar(actor: Actor, input: TSaveCalendar): Promise<CourseCalendar> {
  await authorizeCohort(actor, "cohort.manage", input.cohortId);
  const db = await getDb();
  const cohort = await db.cohort.findFirst({ where: { id: input.cohortId, ...cohortScope(actor, "cohort.manage") }, select: { id: true } });
  if (!cohort) throw new AppError("NOT_FOUND", "That cohort does not exist.");
  const data = { startDate: new Date(`${input.startDate}T00:00:00Z`), weekdays: input.weekdays, holidays: input.holidays, timeZone: input.timeZone, updatedById: actor.id };
  const row = await audited(db, (tx) => tx.cohortCalendar.upsert({ where: { cohortId: cohort.id }, create: { cohortId: cohort.id, ...data }, update: data, select: SELECT }), () => ({
    type: "calendar.saved",
    actorId: actor.id,
    cohortId: cohort.id,
    data: { startDate: input.startDate, weekdays: input.weekdays.map(String), holidays: input.holidays, timeZone: input.timeZone },
  }));
  return calendarOf(row);
}
