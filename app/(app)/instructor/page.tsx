import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { boardOutline } from "@/components/board/outline";
import { CohortStats } from "@/components/board/cohort-stats";
import { CohortTabs } from "@/components/board/cohort-tabs";
import { CreateCohortForm } from "@/components/board/create-cohort-form";
import { CreateTeamForm } from "@/components/board/create-team-form";
import { LiveBoard } from "@/components/board/live-board";
import { chooseCohortId, loadBoard, loadLiveBoard, requestOrigin } from "@/components/board/load-board";
import { NotAllowed } from "@/components/board/not-allowed";
import { TeamSummaries } from "@/components/board/team-summaries";
import { CourseDay } from "@/components/calendar/course-day";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { loadCourse } from "@/lib/course/load";
import { listCohorts } from "@/lib/data/cohorts";
import type { SearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "Team board" };

const linkButton = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50";

export default async function InstructorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor.role, "teamBoard.open")) return <NotAllowed role={actor.role} audience="instructors" />;
  const cohorts = await listCohorts(actor);
  const cohortId = chooseCohortId((await searchParams).cohort, cohorts);
  if (!cohortId) {
    return (
      <Card className="mx-auto max-w-lg p-8 text-center">
        <h1 className="text-xl font-semibold">No cohorts yet</h1>
        <p className="mt-2 text-sm text-slate-600">Create your first cohort, then add teams and share their join links.</p>
        <div className="mt-5">
          <CreateCohortForm />
        </div>
      </Card>
    );
  }
  const [board, live] = await Promise.all([loadBoard(actor, cohortId), loadLiveBoard(actor, cohortId)]);
  if (!board || !live) return <NotAllowed role={actor.role} audience="the cohort's instructor" reason="You can only open the boards of cohorts you teach." />;
  const course = loadCourse();
  const base = `/instructor/cohorts/${board.id}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Team board</p>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{board.name}</h1>
          <CourseDay today={live.today} setUpHref={board.canManage ? `${base}/calendar` : undefined} />
        </div>
        {board.canManage ? (
          <nav aria-label="Manage the cohort" className="flex flex-wrap gap-2">
            <PageLink href={`${base}/teams`} className={linkButton}>Teams &amp; join codes</PageLink>
            <PageLink href={`${base}/people`} className={linkButton}>Instructors &amp; stakeholders</PageLink>
            <PageLink href={`${base}/calendar`} className={linkButton}>Course calendar</PageLink>
          </nav>
        ) : null}
      </div>
      <CohortTabs cohorts={cohorts} selectedId={board.id} basePath="/instructor" />
      <CohortStats teams={board.teams} showBlocked />
      <LiveBoard
        outline={boardOutline(course)}
        initial={live}
        filters
        teamBase="/instructor/teams"
        empty={
          <div className="rounded-lg border border-dashed border-slate-300 p-6">
            <h3 className="font-semibold">No teams in this cohort yet</h3>
            <p className="mt-1 mb-4 text-sm text-slate-600">Create the first team, then send its join link to the students.</p>
            {board.canManage ? <CreateTeamForm cohortId={board.id} origin={await requestOrigin()} /> : null}
          </div>
        }
      />
      <TeamSummaries course={course} teams={board.teams} reviewBase="/instructor/teams" />
    </div>
  );
}
