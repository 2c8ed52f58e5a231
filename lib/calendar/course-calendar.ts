import { addDays, isoWeekday, localDate, startOfLocalDay, type IsoDate } from "./dates";

/** A cohort's course calendar: Day 1 is the first working day on or after `startDate`. */
export type CourseCalendar = { startDate: IsoDate; weekdays: number[]; holidays: IsoDate[]; timeZone: string };

export const COURSE_DAYS = 20;
export const DEFAULT_WEEKDAYS = [1, 2, 3, 4, 5];

export const isWorkingDay = (date: IsoDate, cal: CourseCalendar): boolean => cal.weekdays.includes(isoWeekday(date)) && !cal.holidays.includes(date);

/** The dates of Day 1 … Day `days`, skipping days off. */
export function courseDates(cal: CourseCalendar, days = COURSE_DAYS): IsoDate[] {
  if (!cal.weekdays.some((d) => d >= 1 && d <= 7)) return [];
  const dates: IsoDate[] = [];
  // A year of holidays cannot hide every working day of 20 weeks: the bound only stops bad data looping.
  for (let d = cal.startDate, guard = 0; dates.length < days && guard < 3660; d = addDays(d, 1), guard++) {
    if (isWorkingDay(d, cal)) dates.push(d);
  }
  return dates;
}

export type CourseToday = {
  today: IsoDate;
  /** Before Day 1, during the course, or after Day 20. */
  phase: "before" | "during" | "after";
  /** The course day it is (1…20), or the last one that has begun when today is a day off. 0 before the course. */
  day: number;
  /** Whether today is itself a course day. */
  working: boolean;
  /** Course days that are over: their steps should be done. */
  finishedDays: number;
  /** Course days that have begun, today included: doing their steps is on track. */
  reachableDays: number;
  dates: IsoDate[];
};

export function courseToday(cal: CourseCalendar, now: Date, days = COURSE_DAYS): CourseToday {
  const today = localDate(now, cal.timeZone);
  const dates = courseDates(cal, days);
  const finishedDays = dates.filter((d) => d < today).length;
  const working = dates.includes(today);
  const reachableDays = finishedDays + (working ? 1 : 0);
  const phase = dates.length === 0 || today < dates[0]! ? "before" : today > dates.at(-1)! ? "after" : "during";
  return { today, phase, day: reachableDays, working, finishedDays, reachableDays, dates };
}

export type Pace = "behind" | "on_track" | "ahead";

/** Steps in days 1…d, for d = 0…20: `cumulative[d]`. */
export function stepsThroughDay(stepsPerDay: readonly number[]): number[] {
  const cumulative = [0];
  for (const n of stepsPerDay) cumulative.push(cumulative.at(-1)! + n);
  return cumulative;
}

/**
 * Behind when steps of days that are over are still open; ahead when steps of days that have not begun
 * are done; on track otherwise. Counted in done steps, so work done out of order counts too.
 */
export function paceOf(doneSteps: number, cumulative: readonly number[], today: Pick<CourseToday, "finishedDays" | "reachableDays">): Pace {
  const last = cumulative.length - 1;
  const min = cumulative[Math.min(today.finishedDays, last)]!;
  const max = cumulative[Math.min(today.reachableDays, last)]!;
  return doneSteps < min ? "behind" : doneSteps > max ? "ahead" : "on_track";
}

/** Hours from `from` to `to`, not counting the cohort's days off (weekends, holidays) in its time zone. */
export function workingHoursBetween(from: Date, to: Date, cal: CourseCalendar | null): number {
  if (to <= from) return 0;
  let ms = to.getTime() - from.getTime();
  if (cal) {
    const last = localDate(to, cal.timeZone);
    for (let d = localDate(from, cal.timeZone), guard = 0; d <= last && guard < 400; d = addDays(d, 1), guard++) {
      if (isWorkingDay(d, cal)) continue;
      const start = Math.max(startOfLocalDay(d, cal.timeZone).getTime(), from.getTime());
      const end = Math.min(startOfLocalDay(addDays(d, 1), cal.timeZone).getTime(), to.getTime());
      if (end > start) ms -= end - start;
    }
  }
  return ms / 3_600_000;
}
