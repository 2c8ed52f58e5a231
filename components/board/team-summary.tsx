import { PageLink } from "@/components/layout/page-link";
import type { Course } from "@/lib/course/schema";
import type { BoardTeam } from "@/lib/data/board";
import { findStep } from "@/lib/course/load";
import { Card } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatWhen, stepHref } from "@/lib/utils";
import { BlockedList } from "./blocked-list";
import { DESIGNATION_LABEL, isDesignation } from "./labels";
import { PhaseBars } from "./phase-bars";

type Props = { course: Course; team: BoardTeam; showPhases?: boolean; reviewHref?: string };

export function TeamSummary({ course, team, showPhases = false, reviewHref }: Props) {
  const { overall, nextStepId } = team.progress;
  const next = nextStepId ? findStep(course, nextStepId) : undefined;
  return (
    <Card className="flex flex-col gap-4 p-5" data-testid={`team-summary-${team.id}`}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="truncate text-base font-semibold">{team.name}</h3>
          <p className="text-sm text-slate-600">
            {overall.done} of {overall.total} steps done
          </p>
        </div>
        <p className="text-2xl font-semibold tabular-nums">{overall.percent}%</p>
      </div>
      <ProgressBar percent={overall.percent} label={`${team.name} overall progress`} />
      {showPhases ? <PhaseBars course={course} team={team} /> : null}
      <BlockedList course={course} team={team} />
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">Next step</dt>
          <dd className="mt-0.5">
            {next ? (
              <PageLink href={stepHref(next.id, team.id)} className="font-medium text-brand-700 hover:underline">
                Step {next.number} {next.title}
              </PageLink>
            ) : (
              <span className="font-medium text-emerald-700">All steps done</span>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">Last activity</dt>
          <dd className="mt-0.5 text-slate-800">{team.lastActivity ? formatWhen(team.lastActivity) : "No activity yet"}</dd>
        </div>
      </dl>
      <div>
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Members</h4>
        {team.members.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">Nobody has joined yet.</p>
        ) : (
          <ul className="mt-1.5 flex flex-wrap gap-1.5">
            {team.members.map((m) => (
              <li key={m.id} className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-1 text-sm text-slate-800">
                {m.name}
                {isDesignation(m.designation) && m.designation !== "NONE" ? (
                  <span className="rounded-full bg-brand-50 px-1.5 text-xs font-medium text-brand-700">{DESIGNATION_LABEL[m.designation]}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="mt-auto flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
        {reviewHref ? (
          <PageLink href={reviewHref} className="text-brand-700 hover:underline">
            Review {team.name} →
          </PageLink>
        ) : null}
        <PageLink href={`/plan?team=${team.id}`} className="text-brand-700 hover:underline">
          Open {team.name}&apos;s plan →
        </PageLink>
      </div>
    </Card>
  );
}
