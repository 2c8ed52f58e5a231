import type { Metadata } from "next";
import { BoardCard } from "@/components/board/board-card";
import { CohortStats } from "@/components/board/cohort-stats";
import { CohortTabs } from "@/components/board/cohort-tabs";
import { chooseCohortId, loadBoard } from "@/components/board/load-board";
import { NotAllowed } from "@/components/board/not-allowed";
import { TeamSummaries } from "@/components/board/team-summaries";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { loadCourse } from "@/lib/course/load";
import { listCohorts } from "@/lib/data/cohorts";
import type { SearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "Cohort progress" };

export default async function StakeholderPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor.role, "cohortProgress.open")) return <NotAllowed role={actor.role} audience="stakeholders and instructors" />;
  const cohorts = await listCohorts(actor);
  const cohortId = chooseCohortId((await searchParams).cohort, cohorts);
  if (!cohortId) {
    return (
      <Card className="mx-auto max-w-lg p-8 text-center">
        <h1 className="text-xl font-semibold">No cohorts to follow yet</h1>
        <p className="mt-2 text-sm text-slate-600">Once an instructor adds you to a cohort, its teams&apos; progress shows up here.</p>
      </Card>
    );
  }
  const board = await loadBoard(actor, cohortId);
  if (!board) return <NotAllowed role={actor.role} audience="the cohort's stakeholders" reason="You can only follow cohorts you have been added to." />;
  const course = loadCourse();
  const instructor = cohorts.find((c) => c.id === board.id)?.instructor;

  return (
    <div className="space-y-6">
      <div>
        <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Cohort progress · read-only</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">{board.name}</h1>
        {instructor ? <p className="mt-1 text-sm text-slate-600">Instructor: {instructor}</p> : null}
      </div>
      <CohortTabs cohorts={cohorts} selectedId={board.id} basePath="/stakeholder" />
      <CohortStats teams={board.teams} />
      <BoardCard
        course={course}
        cohortName={board.name}
        teams={board.teams}
        empty={<p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No teams in this cohort yet.</p>}
      />
      <TeamSummaries course={course} teams={board.teams} showPhases />
    </div>
  );
}
