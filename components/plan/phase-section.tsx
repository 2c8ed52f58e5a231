import type { Course, Phase } from "@/lib/course/schema";
import type { CourseProgress, StepStatus } from "@/lib/progress/compute";
import { ProgressBar } from "@/components/ui/progress-bar";
import { dayHref } from "@/lib/utils";
import { DayCards, type DayCard } from "./day-cards";

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
      <DayCards cards={phase.days.map((n) => dayCard(course, n, statuses, blocked, progress, nextDay, teamId))} />
    </section>
  );
}

function dayCard(course: Course, n: number, statuses: Props["statuses"], blocked: Props["blocked"], progress: CourseProgress, nextDay: number | undefined, teamId?: string): DayCard {
  const day = course.days.find((d) => d.day === n)!;
  const blockedSteps = day.steps.filter((s) => blocked.has(s.id)).length;
  const mark: DayCard["mark"] =
    blockedSteps > 0 ? { blocked: blockedSteps === day.steps.length ? "Blocked" : `${blockedSteps} blocked` } : progress.byDay.get(n)!.percent === 100 ? "done" : n === nextDay ? "next" : null;
  return { day: n, title: day.title, checklist: day.checklist, href: dayHref(n, teamId), isNext: n === nextDay, mark, steps: day.steps.map((s) => ({ id: s.id, number: s.number, status: statuses.get(s.id) ?? "NOT_STARTED" })) };
}
