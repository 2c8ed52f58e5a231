import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { orRefused } from "@/components/board/load-board";
import { NotAllowed } from "@/components/board/not-allowed";
import { CalendarForm } from "@/components/calendar/calendar-form";
import { CourseDay } from "@/components/calendar/course-day";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { DEFAULT_WEEKDAYS } from "@/lib/calendar/course-calendar";
import { localDate } from "@/lib/calendar/dates";
import { getCohortBoard } from "@/lib/data/board";
import { getCohortCalendar } from "@/lib/data/calendar";
import { decodeRouteId } from "@/lib/validations/route-params";

export const metadata: Metadata = { title: "Course calendar" };

export default async function CohortCalendarPage({ params }: { params: Promise<{ cohortId: string }> }) {
  const actor = await requireActor();
  if (!can(actor.role, "teamBoard.open")) return <NotAllowed role={actor.role} audience="instructors" />;
  const cohortId = decodeRouteId((await params).cohortId);
  const [board, calendar] = await Promise.all([orRefused(getCohortBoard(actor, cohortId)), orRefused(getCohortCalendar(actor, cohortId))]);
  if (!board?.canManage) return <NotAllowed role={actor.role} audience="the cohort's instructor" reason="You can only set the calendar of cohorts you teach." />;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <PageLink href={`/instructor?cohort=${board.id}`} className="text-sm font-medium text-brand-700 hover:underline">
          ← Back to the board
        </PageLink>
        <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">{board.name}</p>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Course calendar</h1>
        <p className="max-w-2xl text-sm text-slate-600">
          With a start date and working days every view knows which course day it is, and the board shows each team as on track, behind or ahead.
        </p>
        {calendar ? <CourseDay today={calendar.today} /> : null}
      </div>
      <Card className="p-5 sm:p-6">
        <CalendarForm cohortId={board.id} initial={calendar?.calendar ?? { startDate: localDate(new Date(), "UTC"), weekdays: DEFAULT_WEEKDAYS, holidays: [], timeZone: "UTC" }} />
      </Card>
    </div>
  );
}
