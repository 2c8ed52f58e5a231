import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { orRefused } from "@/components/board/load-board";
import { NotAllowed } from "@/components/board/not-allowed";
import { OverviewCard } from "@/components/board/overview/overview-card";
import { PerformanceNote } from "@/components/board/overview/performance-note";
import { OverviewStepTable } from "@/components/board/overview/step-table";
import { CourseDay } from "@/components/calendar/course-day";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { loadCourse } from "@/lib/course/load";
import { getTeamOverview } from "@/lib/data/overview";
import { decodeRouteId } from "@/lib/validations/route-params";

export const metadata: Metadata = { title: "Team overview" };

export default async function TeamOverviewPage({ params }: { params: Promise<{ teamId: string }> }) {
  const actor = await requireActor();
  if (!can(actor.role, "cohortProgress.open")) return <NotAllowed role={actor.role} audience="stakeholders and instructors" />;
  const teamId = decodeRouteId((await params).teamId);
  const overview = await orRefused(getTeamOverview(actor, teamId));
  if (!overview) return <NotAllowed role={actor.role} audience="the cohort's stakeholders" reason="You can only follow teams of cohorts you have been added to." />;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <PageLink href={`/stakeholder?cohort=${overview.cohort.id}`} className="text-sm font-medium text-brand-700 hover:underline">
          ← {overview.cohort.name}
        </PageLink>
        <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Team overview · read-only</p>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{overview.team.name}</h1>
        <CourseDay today={overview.today} />
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,380px)_minmax(0,1fr)]">
        <div className="space-y-4">
          <OverviewCard team={overview.team} calendar={overview.today !== null} />
          <PerformanceNote overview={overview} />
        </div>
        <Card className="p-5">
          <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">Steps</h2>
          <OverviewStepTable course={loadCourse()} team={overview.team} />
        </Card>
      </div>
    </div>
  );
}
