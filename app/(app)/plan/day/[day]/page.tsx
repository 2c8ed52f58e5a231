import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { notFound } from "next/navigation";
import { PlanBreadcrumb } from "@/components/plan/plan-breadcrumb";
import { BlockedBadge } from "@/components/plan/blocked-badge";
import { TeamBanner } from "@/components/plan/team-banner";
import { Card } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireActor } from "@/lib/auth/session";
import { findDay, loadCourse } from "@/lib/course/load";
import { getPlanView } from "@/lib/data/plan-view";
import { decodeRouteParam } from "@/lib/validations/route-params";
import type { SearchParams } from "@/lib/validations/search-params";
import { dayHref, plural, stepHref } from "@/lib/utils";

export async function generateMetadata({ params }: { params: Promise<{ day: string }> }): Promise<Metadata> {
  const raw = (await params).day;
  const day = /^\d{1,2}$/.test(raw) ? findDay(loadCourse(), Number(raw)) : undefined;
  return { title: day ? `Day ${day.day}: ${day.title}` : "Day not found" };
}

const runnable = (commands: string[]) => commands.filter((c) => !c.startsWith("#")).length;

export default async function DayPage({ params, searchParams }: { params: Promise<{ day: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const [{ day: encoded }, { team: requested }] = await Promise.all([params, searchParams]);
  const raw = decodeRouteParam(encoded);
  const { course, team, states, blocked, progress } = await getPlanView(actor, requested);
  const day = /^\d{1,2}$/.test(raw) ? findDay(course, Number(raw)) : undefined;
  if (!day) notFound();
  const phase = course.phases.find((p) => p.number === day.phase)!;
  const dayProgress = progress.byDay.get(day.day)!;
  const teamParam = team?.viewingOther ? team.id : undefined;

  return (
    <div className="space-y-6">
      <TeamBanner team={team} role={actor.role} />
      <PlanBreadcrumb teamId={teamParam}>
        <span>Phase {phase.number}: {phase.title}</span>
      </PlanBreadcrumb>
      <header className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <p className="text-sm font-medium text-brand-700">Day {day.day} of 20 · Week {phase.week}</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">{day.title}</h1>
          <p className="mt-1 text-slate-600">Checklist: {day.checklist}</p>
        </div>
        {team ? (
          <div className="w-full sm:w-56">
            <p className="text-right text-sm text-slate-600">{dayProgress.done} of {dayProgress.total} steps done</p>
            <ProgressBar percent={dayProgress.percent} label={`Day ${day.day} progress`} />
          </div>
        ) : null}
      </header>

      <ol className="space-y-4">
        {day.steps.map((step) => {
          const state = states.get(step.id);
          const isNext = step.id === progress.nextStepId;
          return (
            <li key={step.id}>
              <Card className={isNext ? "border-brand-500 ring-2 ring-brand-100" : undefined}>
                <PageLink href={stepHref(step.id, teamParam)} className="block rounded-xl p-5 hover:bg-slate-50/60">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <p className="text-sm font-medium text-slate-600">Step {step.number}{isNext ? <span className="ml-2 text-brand-700">· Up next</span> : null}</p>
                    {team ? (
                      <span className="flex flex-wrap gap-1.5">
                        {blocked.has(step.id) ? <BlockedBadge /> : null}
                        <StatusBadge status={state?.status ?? "NOT_STARTED"} />
                      </span>
                    ) : null}
                  </div>
                  <h2 className="mt-1 text-lg font-semibold">{step.title}</h2>
                  <p className="mt-0.5 text-sm text-slate-600">{step.objective}</p>
                  <ol className="mt-3 gap-6 space-y-1 text-sm text-slate-700 sm:columns-2">
                    {step.substeps.map((s, i) => (
                      <li key={i} className="break-inside-avoid break-words">
                        <span className="text-slate-500">{i + 1}.</span> {s.title}
                        {runnable(s.commands) ? <span className="text-slate-600"> · {plural(runnable(s.commands), "command")}</span> : null}
                      </li>
                    ))}
                  </ol>
                  <span className="mt-3 inline-block text-sm font-medium text-brand-700">Open step →</span>
                </PageLink>
              </Card>
            </li>
          );
        })}
      </ol>

      <nav aria-label="Day navigation" className="flex justify-between border-t border-slate-200 pt-4 text-sm">
        {day.day > 1 ? <PageLink href={dayHref(day.day - 1, teamParam)} className="font-medium text-brand-700 hover:underline">← Day {day.day - 1}</PageLink> : <span />}
        {day.day < 20 ? <PageLink href={dayHref(day.day + 1, teamParam)} className="font-medium text-brand-700 hover:underline">Day {day.day + 1} →</PageLink> : null}
      </nav>
    </div>
  );
}
