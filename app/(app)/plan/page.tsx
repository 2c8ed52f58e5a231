import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { BeforeYouStart } from "@/components/plan/before-you-start";
import { NextStepCard } from "@/components/plan/next-step-card";
import { PhaseSection } from "@/components/plan/phase-section";
import { TeamBanner } from "@/components/plan/team-banner";
import { TeamCourseDay } from "@/components/calendar/team-course-day";
import { UnreadComments } from "@/components/comments/unread-comments";
import { Card } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { requireActor } from "@/lib/auth/session";
import { getTeamChecklist } from "@/lib/data/checklist";
import { getPlanView } from "@/lib/data/plan-view";
import type { SearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "Plan" };

export default async function PlanPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const { team: requested } = await searchParams;
  const { course, team, statuses, blocked, progress } = await getPlanView(actor, requested);
  const teamParam = team?.viewingOther ? team.id : undefined;
  const ticks = team ? await getTeamChecklist(actor, team.id) : new Map();

  return (
    <div className="space-y-8">
      <TeamBanner team={team} role={actor.role} />
      <section className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_320px]">
        <div className="space-y-4">
          <div>
            <p className="text-sm font-medium text-brand-700">{team ? `${team.name} · ${team.cohort}` : "Course preview"}</p>
            <h1 className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">{course.title.replace(/^Project Execution Guide: /, "")}</h1>
            <p className="mt-2 max-w-2xl text-sm text-slate-600">{course.summary}</p>
          </div>
          {team ? <UnreadComments actor={actor} teamId={team.id} teamParam={teamParam} /> : null}
          {team ? <NextStepCard course={course} stepId={progress.nextStepId} teamId={teamParam} /> : null}
        </div>
        <Card className="p-5">
          <h2 className="text-sm font-medium text-slate-600">Overall progress</h2>
          <p className="mt-1 text-3xl font-semibold">{progress.overall.percent}%</p>
          <p className="text-sm text-slate-600">
            {progress.overall.done} of {progress.overall.total} steps done
          </p>
          <div className="mt-3">
            <ProgressBar percent={progress.overall.percent} label="Overall progress" />
          </div>
          <ul className="mt-4 space-y-2 text-sm">
            {course.phases.map((phase) => {
              const p = progress.byPhase.get(phase.number)!;
              return (
                <li key={phase.number}>
                  <div className="flex justify-between text-slate-700">
                    <span>Phase {phase.number}</span>
                    <span className="tabular-nums text-slate-600">
                      {p.done}/{p.total}
                    </span>
                  </div>
                  <ProgressBar size="sm" percent={p.percent} label={`Phase ${phase.number} progress`} />
                </li>
              );
            })}
          </ul>
        </Card>
      </section>

      {team ? <TeamCourseDay actor={actor} teamId={team.id} doneSteps={progress.overall.done} /> : null}

      <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
        <strong className="font-medium text-slate-800">20 working days, one phase a week.</strong> Daybook follows the guide&apos;s day-by-day schedule. The guide&apos;s overview spreads the same four phases over 8 weeks; the work is the same, only the pace differs.
      </p>

      <BeforeYouStart course={course} ticks={ticks} teamId={team?.id} canWrite={team?.canWrite ?? false} />

      {course.phases.map((phase) => (
        <PhaseSection key={phase.number} course={course} phase={phase} statuses={statuses} blocked={blocked} progress={progress} teamId={teamParam} />
      ))}

      <p className="text-sm text-slate-600">
        Stuck? See the <PageLink className="font-medium text-brand-700 underline" href="/plan/troubleshooting">troubleshooting quick reference</PageLink> or{" "}
        <PageLink className="font-medium text-brand-700 underline" href="/plan/support">support contacts</PageLink>.
      </p>
    </div>
  );
}
