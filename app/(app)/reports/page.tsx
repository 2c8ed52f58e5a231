import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { CohortTabs } from "@/components/board/cohort-tabs";
import { loadBoard } from "@/components/board/load-board";
import { NotAllowed } from "@/components/board/not-allowed";
import { TeamBanner } from "@/components/plan/team-banner";
import { ClosureView } from "@/components/reports/closure-view";
import { CohortReports } from "@/components/reports/cohort-reports";
import { CohortExports, ReportDownloads } from "@/components/reports/downloads";
import { LessonsEditor } from "@/components/reports/lessons-editor";
import { teamOrCohort } from "@/components/signoff/team-or-cohort";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { relationsToTeam } from "@/lib/data/relations";
import { getClosureReport } from "@/lib/reports/data";
import type { SearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const params = await searchParams;
  const opened = await teamOrCohort(actor, params);
  if ("page" in opened) return opened.page;
  if ("cohortId" in opened) {
    const { cohortId, cohorts } = opened;
    const board = await loadBoard(actor, cohortId);
    if (!board) return <NotAllowed role={actor.role} audience="the cohort's instructor and stakeholders" reason="You can only open reports of cohorts you teach or follow." />;
    return (
      <div className="space-y-6">
        <header className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Reports</p>
            <h1 className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">{board.name}</h1>
            <p className="mt-1 text-slate-600">Each team&apos;s Step 19.2 closure report, and the cohort&apos;s progress per team and step for a spreadsheet.</p>
          </div>
          {can(actor.role, "audit.verify") ? <PageLink href="/reports/audit" className="rounded-lg border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50">Audit trail</PageLink> : null}
        </header>
        <CohortTabs cohorts={cohorts} selectedId={board.id} basePath="/reports" />
        <Card className="flex flex-wrap items-center justify-between gap-3 p-4">
          <p className="text-sm text-slate-700">Status, attempts, first verification, overrides and partial scores of every team and step.</p>
          <CohortExports cohortId={board.id} />
        </Card>
        <CohortReports cohortId={board.id} teams={board.teams.map((t) => ({ id: t.id, name: t.name }))} />
      </div>
    );
  }

  const { team } = opened;
  const report = await getClosureReport(actor, team.id);
  const writes = can(actor.role, "report.write", await relationsToTeam(actor, team.id));
  return (
    <div className="space-y-6">
      <TeamBanner team={team} role={actor.role} />
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Step 19.2 · Project closure report</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">{report.team.name}</h1>
          <p className="mt-1 text-slate-600">{report.team.cohort} · generated from the team&apos;s recorded work</p>
        </div>
        <ReportDownloads teamId={team.id} />
      </header>
      <Card className="p-5 sm:p-6">
        <ClosureView report={report} lessonsEditor={writes ? <LessonsEditor teamId={team.id} text={report.lessons.text} version={report.lessons.version} /> : undefined} />
      </Card>
    </div>
  );
}
