import Link from "next/link";
import type { Course } from "@/lib/course/schema";
import type { BoardTeam } from "@/lib/data/board";
import { STATUS_CELL } from "@/components/ui/status-badge";
import { STATUS_LABEL } from "@/lib/progress/compute";
import { cn, stepHref } from "@/lib/utils";

type Props = { course: Course; teams: BoardTeam[]; caption: string };

const stepCount = (course: Course, days: number[]) =>
  course.days.filter((d) => days.includes(d.day)).reduce((sum, d) => sum + d.steps.length, 0);

/** Teams × steps: one row per team, one cell per step, grouped by day and phase. */
export function TeamGrid({ course, teams, caption }: Props) {
  const firstDayOfPhase = new Set(course.phases.map((p) => Math.min(...p.days)));
  return (
    <div className="scroll-visible relative pb-1">
      <table className="w-full min-w-max border-separate border-spacing-0 text-xs" data-testid="team-grid">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th rowSpan={2} scope="col" className="sticky left-0 z-10 min-w-28 bg-white pr-3 sm:min-w-36 text-left align-bottom font-semibold uppercase tracking-wide text-slate-600">
              Team
            </th>
            {course.phases.map((phase) => (
              <th key={phase.number} scope="colgroup" colSpan={stepCount(course, phase.days)} className="border-l border-slate-200 px-2 pb-1 text-left font-medium whitespace-nowrap text-slate-600">
                Phase {phase.number}
              </th>
            ))}
          </tr>
          <tr>
            {course.days.map((day) => (
              <th
                key={day.day}
                scope="colgroup"
                colSpan={day.steps.length}
                title={`Day ${day.day}: ${day.title}`}
                className={cn("pb-1.5 text-center font-medium tabular-nums text-slate-700", firstDayOfPhase.has(day.day) ? "border-l border-slate-200 pl-2" : "pl-1.5")}
              >
                <span className="sr-only">Day </span>
                {day.day}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => {
            const blocked = new Set(team.blocked.map((b) => b.stepId));
            return (
              <tr key={team.id}>
                <th scope="row" className="sticky left-0 z-10 bg-white py-1 pr-3 text-left font-normal">
                  <Link href={`/plan?team=${team.id}`} className="block max-w-44 truncate text-sm font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {team.name}
                  </Link>
                  <span className="tabular-nums text-slate-600">{team.progress.overall.percent}% done</span>
                </th>
                {course.days.flatMap((day) =>
                  day.steps.map((step, i) => {
                    const status = team.statuses.get(step.id) ?? "NOT_STARTED";
                    const label = `${team.name} · Step ${step.number} ${step.title}: ${STATUS_LABEL[status]}${blocked.has(step.id) ? ", blocked" : ""}`;
                    const edge = i === 0 && firstDayOfPhase.has(day.day);
                    return (
                      <td key={step.id} className={cn("py-1", edge ? "border-l border-slate-200 pl-2" : i === 0 ? "pl-1.5" : "pl-0.5")}>
                        <Link
                          href={stepHref(step.id, team.id)}
                          aria-label={label}
                          title={label}
                          data-testid={`cell-${team.id}-${step.id}`}
                          className={cn(
                            "block h-8 min-w-4 rounded-[3px] ring-inset transition hover:scale-110 hover:ring-2 hover:ring-brand-600 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600",
                            STATUS_CELL[status],
                            blocked.has(step.id) ? "ring-2 ring-rose-600" : status === "NOT_STARTED" && "ring-1 ring-slate-300",
                          )}
                        />
                      </td>
                    );
                  }),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
