import type { Actor } from "@/lib/auth/session";
import { paceOf, stepsThroughDay } from "@/lib/calendar/course-calendar";
import { loadCourse } from "@/lib/course/load";
import { getTeamCalendar } from "@/lib/data/calendar";
import { PaceBadge } from "@/components/board/team-badges";
import { courseDayWords } from "./course-day";

/** On a team's plan: which course day it is by the cohort's calendar, and whether the team is on track. */
export async function TeamCourseDay({ actor, teamId, doneSteps }: { actor: Actor; teamId: string; doneSteps: number }) {
  const view = await getTeamCalendar(actor, teamId);
  if (!view) return null;
  const course = loadCourse();
  const pace = paceOf(doneSteps, stepsThroughDay(course.days.map((d) => d.steps.length)), view.today);
  return (
    <p className="flex flex-wrap items-center gap-2 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-900" data-testid="course-day">
      {courseDayWords(view.today)}
      {view.today.phase !== "before" ? <PaceBadge pace={pace} /> : null}
    </p>
  );
}
