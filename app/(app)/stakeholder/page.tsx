import type { Metadata } from "next";
import { CohortTabs } from "@/components/board/cohort-tabs";
import { LiveBoard } from "@/components/board/live-board";
import { chooseCohortId, loadLiveBoard, orRefused } from "@/components/board/load-board";
import { NotAllowed } from "@/components/board/not-allowed";
import { boardOutline } from "@/components/board/outline";
import { OverviewCard } from "@/components/board/overview/overview-card";
import { PerformanceNote } from "@/components/board/overview/performance-note";
import { CourseDay } from "@/components/calendar/course-day";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { loadCourse } from "@/lib/course/load";
import { listCohorts } from "@/lib/data/cohorts";
import { getCohortOverview } from "@/lib/data/overview";
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
  const [overview, live] = await Promise.all([orRefused(getCohortOverview(actor, cohortId)), loadLiveBoard(actor, cohortId)]);
  if (!overview || !live) return <NotAllowed role={actor.role} audience="the cohort's stakeholders" reason="You can only follow cohorts you have been added to." />;
  const instructor = cohorts.find((c) => c.id === overview.cohort.id)?.instructor;
  const rated = overview.teams.filter((t) => t.passRate);
  const passed = rated.reduce((n, t) => n + t.passRate!.passed, 0);
  const checks = rated.reduce((n, t) => n + t.passRate!.total, 0);

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Cohort progress · read-only</p>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{overview.cohort.name}</h1>
        {instructor ? <p className="text-sm text-slate-600">Instructor: {instructor}</p> : null}
        <CourseDay today={overview.today} />
      </div>
      <CohortTabs cohorts={cohorts} selectedId={overview.cohort.id} basePath="/stakeholder" />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="cohort-stats">
        {[
          { label: "Teams", value: String(overview.teams.length), detail: overview.today ? `${overview.teams.filter((t) => t.pace === "behind").length} behind the calendar` : "no calendar set" },
          { label: "Steps done", value: `${overview.teams.reduce((n, t) => n + t.done, 0)}`, detail: `of ${overview.teams.reduce((n, t) => n + t.total, 0)} across all teams` },
          { label: "Checks passed", value: checks ? `${Math.round((passed / checks) * 100)}%` : "–", detail: checks ? `${passed} of ${checks}, latest verifications` : "no verification yet" },
          { label: "Open blockers", value: String(overview.teams.reduce((n, t) => n + t.blockers.length, 0)), detail: "steps flagged blocked" },
        ].map((tile) => (
          <div key={tile.label} className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{tile.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{tile.value}</dd>
            <dd className="text-xs text-slate-600">{tile.detail}</dd>
          </div>
        ))}
      </dl>
      <PerformanceNote overview={overview} />
      {overview.teams.length ? (
        <section aria-labelledby="teams-heading">
          <h2 id="teams-heading" className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-600">
            Teams
          </h2>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {overview.teams.map((team) => (
              <OverviewCard key={team.id} team={team} calendar={overview.today !== null} href={`/stakeholder/teams/${team.id}`} />
            ))}
          </div>
        </section>
      ) : null}
      <LiveBoard
        outline={boardOutline(loadCourse())}
        initial={live}
        teamBase="/stakeholder/teams"
        empty={<p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No teams in this cohort yet.</p>}
      />
    </div>
  );
}
