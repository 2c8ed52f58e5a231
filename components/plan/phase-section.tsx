import { PageLink } from "@/components/layout/page-link";
import type { Course, Phase } from "@/lib/course/schema";
import type { CourseProgress, StepStatus } from "@/lib/progress/compute";
import { ProgressBar } from "@/components/ui/progress-bar";
import { dayHref, cn } from "@/lib/utils";
import { BlockedBadge } from "./blocked-badge";
import { StepDots } from "./step-dots";

type Props = { course: Course; phase: Phase; statuses: ReadonlyMap<string, StepStatus>; blocked: ReadonlySet<string>; progress: CourseProgress; teamId?: string };

export function PhaseSection({ course, phase, statuses, blocked, progress, teamId }: Props) {
  const phaseProgress = progress.byPhase.get(phase.number)!;
  const nextDay = course.days.find((d) => d.steps.some((s) => s.id === progress.nextStepId))?.day;
  return (
    <section aria-labelledby={`phase-${phase.number}`}>
      <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            Phase {phase.number} · Week {phase.week}
          </p>
          <h2 id={`phase-${phase.number}`} className="text-lg font-semibold">
            {phase.title}
          </h2>
          <p className="text-sm text-slate-600">{phase.framework.objective}</p>
        </div>
        <div className="w-40 text-right text-sm text-slate-600">
          {phaseProgress.percent}% · {phaseProgress.done}/{phaseProgress.total} steps
          <ProgressBar size="sm" percent={phaseProgress.percent} label={`Phase ${phase.number} progress`} />
        </div>
      </div>
      <ol className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {phase.days.map((n) => {
          const day = course.days.find((d) => d.day === n)!;
          const dayProgress = progress.byDay.get(n)!;
          const isNext = n === nextDay;
          const blockedSteps = day.steps.filter((s) => blocked.has(s.id)).length;
          return (
            <li key={n}>
              <PageLink
                href={dayHref(n, teamId)}
                className={cn(
                  "flex h-full flex-col gap-2 rounded-xl border bg-white p-4 shadow-sm transition hover:border-brand-500 hover:shadow",
                  isNext ? "border-brand-500 ring-2 ring-brand-100" : "border-slate-200",
                )}
              >
                <div className="flex flex-wrap items-center justify-between gap-1">
                  <span className="text-xs font-semibold uppercase tracking-wide text-slate-600">Day {n}</span>
                  {blockedSteps > 0 ? (
                    <BlockedBadge label={blockedSteps === day.steps.length ? "Blocked" : `${blockedSteps} blocked`} />
                  ) : dayProgress.percent === 100 ? (
                    <span className="text-xs font-medium text-emerald-700">Done</span>
                  ) : isNext ? (
                    <span className="text-xs font-medium text-brand-700">Up next</span>
                  ) : null}
                </div>
                <span className="font-medium leading-snug text-slate-900">{day.title}</span>
                <span className="text-xs text-slate-600">{day.checklist}</span>
                <div className="mt-auto pt-1">
                  <StepDots steps={day.steps} statuses={statuses} />
                </div>
              </PageLink>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
