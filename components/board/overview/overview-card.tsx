import { PageLink } from "@/components/layout/page-link";
import type { TeamOverview } from "@/lib/data/overview";
import { Card } from "@/components/ui/card";
import { formatWhen } from "@/lib/utils";
import { PaceBadge } from "../team-badges";
import { PhaseProgressList } from "./phase-progress";

export const passPercent = (r: { passed: number; total: number }) => Math.round((r.passed / r.total) * 100);

/** One team for a stakeholder: where it is against the calendar, how its checks fare, what blocks it. No notes, reasons or people. */
export function OverviewCard({ team, calendar, href }: { team: TeamOverview; calendar: boolean; href?: string }) {
  return (
    <Card className="flex flex-col gap-4 p-5" data-testid={`overview-${team.id}`}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="truncate text-base font-semibold">
            {href ? (
              <PageLink href={href} className="hover:text-brand-700 hover:underline">
                {team.name}
              </PageLink>
            ) : (
              team.name
            )}
          </h3>
          <p className="text-sm text-slate-600">
            {team.done} of {team.total} steps done{team.atDay ? ` · working on Day ${team.atDay}` : " · all done"}
          </p>
        </div>
        {team.pace ? <PaceBadge pace={team.pace} /> : null}
      </div>
      <PhaseProgressList teamName={team.name} phases={team.phases} calendar={calendar} />
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">Checks passed</dt>
          <dd className="mt-0.5" data-testid="pass-rate">
            {team.passRate ? (
              <>
                <span className="text-lg font-semibold tabular-nums">{passPercent(team.passRate)}%</span>{" "}
                <span className="text-slate-600">
                  ({team.passRate.passed} of {team.passRate.total} in the latest verifications)
                </span>
              </>
            ) : (
              <span className="text-slate-600">No verification has run yet.</span>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">Performance tests</dt>
          <dd className="mt-0.5" data-testid="performance">
            {team.performance.length ? (
              <ul className="space-y-0.5">
                {team.performance.map((p) => (
                  <li key={`${p.stepId}-${p.title}`}>
                    <span className={p.status === "pass" ? "font-semibold text-emerald-800" : "font-semibold text-rose-800"}>{p.status === "pass" ? "✓ Passed" : "✗ Failed"}</span> Step {p.number}: {p.actual}
                    <span className="block text-xs text-slate-600">{formatWhen(p.at)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-slate-600">None has run yet.</span>
            )}
          </dd>
        </div>
      </dl>
      <div>
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Open blockers</h4>
        {team.blockers.length ? (
          <ul className="mt-1 space-y-1 text-sm" data-testid="blockers">
            {team.blockers.map((b) => (
              <li key={b.stepId} className="flex flex-wrap gap-x-2">
                <span className="font-medium text-rose-800">
                  <span aria-hidden>! </span>Step {b.number} {b.title}
                </span>
                <span className="text-slate-600">since {formatWhen(b.since)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-slate-600">None.</p>
        )}
      </div>
    </Card>
  );
}
