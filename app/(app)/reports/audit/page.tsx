import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CohortTabs } from "@/components/board/cohort-tabs";
import { chooseCohortId } from "@/components/board/load-board";
import { NotAllowed } from "@/components/board/not-allowed";
import { AuditEvents, ChainStatus } from "@/components/reports/audit-view";
import { Card } from "@/components/ui/card";
import { getAuditOverview } from "@/lib/audit/overview";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { listCohorts } from "@/lib/data/cohorts";
import type { SearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor.role, "audit.verify")) return <NotAllowed role={actor.role} audience="instructors" />;
  const cohorts = await listCohorts(actor);
  const cohortId = chooseCohortId((await searchParams).cohort, cohorts);
  const { report, events } = await getAuditOverview(actor, cohortId);
  // A cohort the instructor does not teach looks like a missing page, as everywhere else.
  if (cohortId && !events) notFound();
  return (
    <div className="space-y-6">
      <header>
        <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Reports · Audit trail</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">Audit trail</h1>
        <p className="mt-1 text-slate-600">Every state change is an event that carries the previous event&apos;s hash and its own. The database refuses to change or delete them; this page re-checks the whole chain each time it opens, as <code className="font-mono text-sm">npm run audit:verify</code> does.</p>
      </header>
      <ChainStatus report={report} />
      {cohortId && events ? (
        <Card className="space-y-3 p-5 sm:p-6">
          <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">Latest events of {cohorts.find((c) => c.id === cohortId)?.name}</h2>
          <CohortTabs cohorts={cohorts} selectedId={cohortId} basePath="/reports/audit" />
          <AuditEvents cohortId={cohortId} events={events} />
        </Card>
      ) : null}
    </div>
  );
}
