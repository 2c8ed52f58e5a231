import type { Course } from "@/lib/course/schema";
import type { BoardTeam } from "@/lib/data/board";
import { ProgressBar } from "@/components/ui/progress-bar";

export function PhaseBars({ course, team }: { course: Course; team: BoardTeam }) {
  return (
    <ul className="space-y-2 text-sm">
      {course.phases.map((phase) => {
        const p = team.progress.byPhase.get(phase.number) ?? { done: 0, total: 0, percent: 0 };
        return (
          <li key={phase.number}>
            <div className="flex justify-between gap-2 text-slate-700">
              <span className="truncate" title={phase.title}>
                Phase {phase.number} · {phase.title}
              </span>
              <span className="shrink-0 tabular-nums text-slate-600">
                {p.done}/{p.total}
              </span>
            </div>
            <div className="mt-1">
              <ProgressBar size="sm" percent={p.percent} label={`${team.name} phase ${phase.number} progress`} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
