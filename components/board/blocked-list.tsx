import { PageLink } from "@/components/layout/page-link";
import type { Course } from "@/lib/course/schema";
import type { BoardTeam } from "@/lib/data/board";
import { findStep } from "@/lib/course/load";
import { stepHref } from "@/lib/utils";

export function BlockedList({ course, team }: { course: Course; team: BoardTeam }) {
  if (team.blocked.length === 0) return null;
  return (
    <div className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2.5" data-testid="blocked">
      <p className="flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide text-rose-800">
        <span aria-hidden className="h-2 w-2 rounded-full bg-rose-600" />
        Blocked · {team.blocked.length} {team.blocked.length === 1 ? "step" : "steps"}
      </p>
      <ul className="mt-1.5 space-y-1.5 text-sm">
        {team.blocked.map(({ stepId, reason }) => {
          const step = findStep(course, stepId);
          return (
            <li key={stepId}>
              <PageLink href={stepHref(stepId, team.id)} className="font-medium text-rose-900 underline decoration-rose-300 underline-offset-2 hover:decoration-rose-700">
                {step ? `Step ${step.number} ${step.title}` : stepId}
              </PageLink>
              {reason ? <p className="text-rose-900/90">{reason}</p> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
