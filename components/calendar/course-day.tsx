import { PageLink } from "@/components/layout/page-link";
import { COURSE_DAYS, type CourseToday } from "@/lib/calendar/course-calendar";
import { formatDate } from "@/lib/calendar/dates";

/** "Today is Day 7 of 20", from the cohort's calendar: the one line every view shows. */
export function courseDayWords(today: CourseToday): string {
  if (today.phase === "before") return today.dates[0] ? `The course starts on ${formatDate(today.dates[0])} (Day 1).` : "The course calendar has no working days.";
  if (today.phase === "after") return `The course ended on ${formatDate(today.dates.at(-1)!)} (Day ${COURSE_DAYS}).`;
  if (today.working) return `Today is Day ${today.day} of ${COURSE_DAYS} (${formatDate(today.today)}).`;
  const next = today.dates[today.day];
  return `Today is a day off; Day ${today.day} is done${next ? `, Day ${today.day + 1} is on ${formatDate(next)}` : ""}.`;
}

export function CourseDay({ today, setUpHref }: { today: CourseToday | null; setUpHref?: string }) {
  if (!today) {
    return setUpHref ? (
      <p className="text-sm text-slate-600" data-testid="course-day">
        No course calendar yet. <PageLink href={setUpHref} className="font-medium text-brand-700 hover:underline">Set the start date</PageLink> so every view knows which day it is.
      </p>
    ) : null;
  }
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-800" data-testid="course-day">
      <span aria-hidden className="rounded-md bg-brand-50 px-2 py-0.5 font-semibold tabular-nums text-brand-700">{today.phase === "during" ? `Day ${today.day}` : today.phase === "before" ? "Soon" : "Done"}</span>
      {courseDayWords(today)}
      {setUpHref ? <PageLink href={setUpHref} className="text-xs font-normal text-brand-700 hover:underline">Calendar</PageLink> : null}
    </p>
  );
}
