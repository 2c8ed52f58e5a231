import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { notFound } from "next/navigation";
import { CheckList } from "@/components/step/check-list";
import { EnginePanel } from "@/components/runs/engine-panel";
import { EngineRuns } from "@/components/runs/engine-runs";
import { EngineStatus } from "@/components/runs/engine-status";
import { LiveState } from "@/components/live/live-state";
import { StepHistory } from "@/components/step/step-history";
import { StepNotes } from "@/components/step/step-notes";
import { LiveStepStatus } from "@/components/step/live-step-status";
import { StepComments } from "@/components/comments/step-comments";
import { SubstepItem } from "@/components/step/substep-item";
import { PlanBreadcrumb } from "@/components/plan/plan-breadcrumb";
import { TeamBanner } from "@/components/plan/team-banner";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { allSteps, dayOfStep, findStep, loadCourse } from "@/lib/course/load";
import { getPlanView } from "@/lib/data/plan-view";
import { getStepEngine } from "@/lib/data/runs";
import { stepView } from "@/lib/runs/step-view";
import type { SearchParams } from "@/lib/validations/search-params";
import { unfinishedBefore } from "@/lib/progress/compute";
import { dayHref, stepHref } from "@/lib/utils";

export async function generateMetadata({ params }: { params: Promise<{ stepId: string }> }): Promise<Metadata> {
  const step = findStep(loadCourse(), (await params).stepId);
  return { title: step ? `Step ${step.number}: ${step.title}` : "Step not found" };
}

export default async function StepPage({ params, searchParams }: { params: Promise<{ stepId: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const [{ stepId }, { team: requested }] = await Promise.all([params, searchParams]);
  const { course, team, states, statuses } = await getPlanView(actor, requested);
  const step = findStep(course, stepId);
  if (!step) notFound();
  const day = dayOfStep(course, stepId)!;
  const steps = allSteps(course);
  const index = steps.findIndex((s) => s.id === stepId);
  const [prev, next] = [steps[index - 1], steps[index + 1]];
  const teamParam = team?.viewingOther ? team.id : undefined;
  const state = states.get(stepId);
  const skipped = team ? unfinishedBefore(course, stepId, statuses) : [];
  const labels = Object.fromEntries(steps.map((s) => [s.id, `Step ${s.number}`]));
  // Stakeholders follow progress only: runs, evidence and the engine are the team's and the instructor's.
  const engine = team?.canSeeRuns ? await getStepEngine(actor, team.id, step.id) : null;

  return (
    <div className="space-y-6">
      <TeamBanner team={team} role={actor.role} />
      <PlanBreadcrumb teamId={teamParam}>
        <PageLink href={dayHref(day.day, teamParam)} className="hover:underline">Day {day.day}: {day.title}</PageLink>
      </PlanBreadcrumb>

      <header className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
        <div>
          <p className="text-sm font-medium text-brand-700">Step {step.number} · Day {day.day} · Phase {day.phase}</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">{step.title}</h1>
          <p className="mt-1 text-slate-600">{step.objective}</p>
        </div>
        {team ? (
          <div className="shrink-0 space-y-1 lg:text-right">
            <LiveStepStatus
              teamId={team.id}
              stepId={step.id}
              canWrite={team.canWrite}
              initial={{ status: state?.status ?? "NOT_STARTED", changed: state ? { by: state.updatedBy, at: state.updatedAt.toISOString() } : null, note: null }}
            />
            {engine ? <EngineStatus teamId={team.id} stepId={step.id} initial={engine} /> : null}
          </div>
        ) : null}
      </header>

      {team?.canWrite && skipped.length > 0 ? (
        <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {skipped.length === 1 ? `${labels[skipped[0]!]} is` : `${skipped.length} earlier steps are`} not done yet. You can work ahead, but the guide builds each step on the previous one.
        </p>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_340px]">
        <div className="space-y-6">
          {team && engine?.connected && step.checks.length > 0 ? <LiveState teamId={team.id} stepId={step.id} /> : null}
          {team && engine ? <EnginePanel teamId={team.id} step={stepView(step)} initial={engine} /> : null}
          <Card className="p-5 sm:p-6">
            <h2 className="mb-4 text-sm font-semibold uppercase tracking-wide text-slate-600">Detailed steps</h2>
            <ol className="space-y-8">
              {step.substeps.map((substep, i) => (
                <SubstepItem key={i} substep={substep} index={i} />
              ))}
            </ol>
          </Card>
          {team?.canReadNotes ? <StepNotes actor={actor} teamId={team.id} stepId={step.id} canWrite={team.canWrite} /> : null}
          {team ? <StepComments actor={actor} teamId={team.id} stepId={step.id} /> : null}
        </div>
        <aside className="space-y-6">
          <Card className="p-5">
            <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">References</h2>
            <ul className="mt-2 space-y-1 text-sm">
              {step.references.map((ref) => (
                <li key={ref.path + (ref.section ?? "")}>
                  <PageLink className="font-mono text-brand-700 hover:underline" href={`/plan/files/${ref.path.replace(/\/$/, "")}`}>{ref.path}</PageLink>
                  {ref.section ? <span className="text-slate-600"> · section {ref.section}</span> : null}
                </li>
              ))}
            </ul>
            {step.applies.length > 0 ? (
              <>
                <h3 className="mt-4 text-sm font-semibold uppercase tracking-wide text-slate-600">Files this step applies</h3>
                <ul className="mt-2 space-y-1 text-sm">
                  {step.applies.map((file) => (
                    <li key={file}>
                      <PageLink className="font-mono text-brand-700 hover:underline" href={`/plan/files/${file.replace(/\/$/, "")}`}>{file}</PageLink>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Card>
          <CheckList checks={step.checks} />
          {team ? <StepHistory actor={actor} teamId={team.id} stepId={step.id} /> : null}
          {engine ? (
            <Card className="p-5">
              <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">Runs</h2>
              <EngineRuns teamId={team!.id} stepId={step.id} initial={engine} />
            </Card>
          ) : null}
        </aside>
      </div>

      <nav aria-label="Step navigation" className="flex justify-between gap-4 border-t border-slate-200 pt-4 text-sm">
        {prev ? <PageLink href={stepHref(prev.id, teamParam)} className="font-medium text-brand-700 hover:underline">← Step {prev.number}: {prev.title}</PageLink> : <span />}
        {next ? <PageLink href={stepHref(next.id, teamParam)} className="text-right font-medium text-brand-700 hover:underline">Step {next.number}: {next.title} →</PageLink> : null}
      </nav>
    </div>
  );
}
