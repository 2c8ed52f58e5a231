import { workingHoursBetween, type CourseCalendar, type CourseToday } from "@/lib/calendar/course-calendar";
import { startOfLocalDay } from "@/lib/calendar/dates";

export type Stuck = { reason: "blocked"; steps: number } | { reason: "idle"; hours: number; since: Date };

export const DEFAULT_STUCK_HOURS = 24;

/** DAYBOOK_STUCK_HOURS: how many working hours without a status change make a team stuck. */
export function stuckHoursSetting(value: string | undefined): number {
  const hours = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_STUCK_HOURS;
}

/**
 * A team is stuck when it flagged a step blocked, or when nothing moved for `thresholdHours`
 * (days off not counted). Before and after the course, and once every step is done, only a flag counts.
 */
export function stuckState(input: {
  blockedSteps: number;
  lastProgressAt: Date | null;
  teamCreatedAt: Date;
  finished: boolean;
  calendar: CourseCalendar | null;
  today: CourseToday | null;
  now: Date;
  thresholdHours: number;
}): Stuck | null {
  if (input.blockedSteps > 0) return { reason: "blocked", steps: input.blockedSteps };
  if (input.finished) return null;
  if (input.calendar && input.today?.phase !== "during") return null;
  let since = input.lastProgressAt ?? input.teamCreatedAt;
  // Nothing to show before Day 1 began: the clock starts then.
  const dayOne = input.calendar && input.today?.dates[0] ? startOfLocalDay(input.today.dates[0], input.calendar.timeZone) : null;
  if (dayOne && since < dayOne) since = dayOne;
  const hours = workingHoursBetween(since, input.now, input.calendar);
  return hours >= input.thresholdHours ? { reason: "idle", hours: Math.floor(hours), since } : null;
}
