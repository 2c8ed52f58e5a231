import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageLink } from "@/components/layout/page-link";
import { CohortTabs } from "@/components/board/cohort-tabs";
import { TeamBanner } from "@/components/plan/team-banner";
import { ChainView } from "@/components/signoff/chain-view";
import { CohortSignoffs } from "@/components/signoff/cohort-signoffs";
import { EvidenceTable } from "@/components/signoff/evidence-table";
import { LockIcon } from "@/components/signoff/icons";
import { RecordCheckForm } from "@/components/signoff/record-check-form";
import { ReopenForm } from "@/components/signoff/reopen-form";
import { SignForm } from "@/components/signoff/sign-form";
import { teamOrCohort } from "@/components/signoff/team-or-cohort";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { loadCourse } from "@/lib/course/load";
import { AppError } from "@/lib/errors";
import { SIGNOFF_ROLE_LABEL } from "@/lib/signoff/chain";
import { getSignoffView, listCohortSignoffs } from "@/lib/signoff/data";
import { formatWhen, stepHref } from "@/lib/utils";
import type { SearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "Sign-off" };

const section = "text-sm font-semibold uppercase tracking-wide text-slate-600";

export default async function SignoffPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const params = await searchParams;
  const opened = await teamOrCohort(actor, params);
  if ("page" in opened) return opened.page;
  if ("cohortId" in opened) {
    const { cohortId, cohorts } = opened;
    const { order, teams } = await listCohortSignoffs(actor, cohortId).catch((error: unknown) => {
      // A cohort the actor neither teaches nor follows looks like a missing page.
      if (error instanceof AppError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) notFound();
      throw error;
    });
    return (
      <div className="space-y-6">
        <header>
          <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Step 20.2 · Sign-off</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">{cohorts.find((c) => c.id === cohortId)?.name}</h1>
          <p className="mt-1 text-slate-600">Each team is signed off by its technical lead, then its project manager, then a stakeholder. After the third signature the record is locked.</p>
        </header>
        <CohortTabs cohorts={cohorts} selectedId={cohortId} basePath="/signoff" />
        <CohortSignoffs cohortId={cohortId} order={order} teams={teams} />
      </div>
    );
  }

  const { team } = opened;
  const view = await getSignoffView(actor, team.id);
  const course = loadCourse();
  const fv = view.finalValidation;
  const myRole = view.mine.ok ? view.mine.role : null;
  return (
    <div className="space-y-6">
      <TeamBanner team={team} role={actor.role} />
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Step 20.2 · Stakeholder sign-off</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">{view.team.name}</h1>
          <p className="mt-1 text-slate-600">{view.team.cohort}{view.current.round > 1 ? ` · round ${view.current.round}` : ""}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {view.locked ? (
            <span className="inline-flex items-center gap-1.5 rounded-full bg-emerald-700 px-3 py-1 text-sm font-medium text-white" data-testid="signoff-locked"><LockIcon />Locked</span>
          ) : (
            <span className="rounded-full bg-slate-100 px-3 py-1 text-sm font-medium text-slate-700">{view.current.signoffs.length} of {view.order.length} signed</span>
          )}
          {view.current.staleReason ? <span className="rounded-full bg-amber-100 px-3 py-1 text-sm font-medium text-amber-900">Stale</span> : null}
        </div>
      </header>

      <Card className="space-y-4 p-5 sm:p-6">
        <h2 className={section}>The chain</h2>
        <ChainView teamId={team.id} order={view.order} round={view.current} checks={view.checks} locked={view.locked} />
        {view.current.staleReason ? <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">Stale: {view.current.staleReason}. The signatures approved evidence that no longer holds.</p> : null}
        {view.current.openedReason ? <p className="text-sm text-slate-700">Round {view.current.round} opened {formatWhen(view.current.openedAt)} by {view.current.openedBy}: {view.current.openedReason}</p> : null}
        <p className="text-sm text-slate-700">
          <PageLink href={stepHref(fv.stepId, team.viewingOther ? team.id : undefined)} className="font-medium text-brand-700 underline">Step {fv.number} {fv.title}</PageLink>
          {": "}
          {fv.state.state === "passed"
            ? `passed ${formatWhen(fv.state.at)}. A sign-off needs a pass within the last ${fv.windowHours} hours.`
            : fv.state.state === "failed"
              ? `did not pass on its latest run (${formatWhen(fv.state.at)}).`
              : fv.state.state === "running"
                ? "running now."
                : "not run yet."}
        </p>
        {view.may.sign && myRole ? (
          <div className="rounded-lg border border-brand-100 bg-brand-50/50 p-4">
            <h3 className="mb-2 font-medium text-slate-900">Your sign-off as {SIGNOFF_ROLE_LABEL[myRole].toLowerCase()}</h3>
            <SignForm teamId={team.id} evidenceSha256={view.evidence.sha256} roleLabel={SIGNOFF_ROLE_LABEL[myRole]} />
          </div>
        ) : !view.mine.ok ? (
          <p role="status" className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800" data-testid="signoff-refusal">
            {view.mine.reason}
          </p>
        ) : null}
        {view.may.reopen ? (
          <details className="rounded-lg border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">Reopen the sign-off (instructor)</summary>
            <div className="mt-3"><ReopenForm teamId={team.id} /></div>
          </details>
        ) : null}
      </Card>

      <Card className="space-y-4 p-5 sm:p-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className={section}>What the hash covers</h2>
          <a href={`/api/reports/teams/${team.id}/signoff-record`} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50" download>
            Export the sign-off record (JSON)
          </a>
        </div>
        <EvidenceTable course={course} evidence={view.evidence} people={view.people} />
        {view.checks.some((c) => !c.matchesCurrent) ? (
          <div className="space-y-1 text-sm">
            <h3 className="font-medium text-slate-900">Since the signatures</h3>
            <ul className="list-inside list-disc text-slate-700">
              {[...new Map(view.checks.flatMap((c) => c.changes).map((c) => [`${c.stepId}:${c.what}`, c])).values()].map((c) => <li key={`${c.stepId}:${c.what}`}>Step {c.number}: {c.what}</li>)}
            </ul>
          </div>
        ) : null}
      </Card>

      <Card className="space-y-3 p-5 sm:p-6">
        <h2 className={section}>Check an exported record</h2>
        <p className="text-sm text-slate-600">Anyone holding the exported record can recompute each hash (the record says how). Paste it here to compare it with what Daybook holds and with today&apos;s evidence.</p>
        <RecordCheckForm teamId={team.id} />
      </Card>

      {view.earlier.length ? (
        <Card className="space-y-3 p-5 sm:p-6">
          <h2 className={section}>Earlier rounds</h2>
          <ul className="space-y-2 text-sm">
            {view.earlier.map((r) => (
              <li key={r.round} className="rounded-lg border border-slate-200 p-3">
                <p className="font-medium">Round {r.round}{r.staleReason ? " · stale" : ""}</p>
                <ul className="mt-1 text-slate-700">
                  {r.signoffs.map((s) => <li key={s.id}>{SIGNOFF_ROLE_LABEL[s.role]}: {s.signerName}, {formatWhen(s.signedAt)} · <span className="font-mono text-xs">{s.evidenceSha256.slice(0, 16)}…</span></li>)}
                </ul>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
