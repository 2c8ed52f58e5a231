import { PageLink } from "@/components/layout/page-link";
import type { Course } from "@/lib/course/schema";
import type { TeamOverview } from "@/lib/data/overview";
import { StatusBadge } from "@/components/ui/status-badge";
import { stepHref } from "@/lib/utils";

/** Every step of one team: its status, the latest verification's checks met, and whether it is flagged blocked. */
export function OverviewStepTable({ course, team }: { course: Course; team: TeamOverview }) {
  const blocked = new Set(team.blockers.map((b) => b.stepId));
  return (
    <div className="scroll-visible">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">{team.name}: every step</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-600">
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-2 pr-3 font-semibold">Step</th>
            <th scope="col" className="py-2 pr-3 font-semibold">Status</th>
            <th scope="col" className="py-2 pr-3 font-semibold">Latest verification</th>
          </tr>
        </thead>
        <tbody>
          {course.days.flatMap((d) =>
            d.steps.map((s) => {
              const rate = team.stepRates.get(s.id);
              return (
                <tr key={s.id} className="border-b border-slate-100">
                  <th scope="row" className="py-1.5 pr-3 font-normal">
                    <PageLink href={stepHref(s.id, team.id)} className="text-brand-700 hover:underline">
                      {s.number} {s.title}
                    </PageLink>
                    <span className="block text-xs text-slate-600">Day {d.day}</span>
                  </th>
                  <td className="py-1.5 pr-3">
                    <span className="flex flex-wrap items-center gap-1.5">
                      <StatusBadge status={team.statuses.get(s.id) ?? "NOT_STARTED"} />
                      {blocked.has(s.id) ? <span className="rounded-full bg-rose-50 px-2 py-0.5 text-xs font-semibold text-rose-800 ring-1 ring-inset ring-rose-200">! Blocked</span> : null}
                    </span>
                  </td>
                  <td className="py-1.5 pr-3 tabular-nums text-slate-700">{rate ? `${rate.passed} of ${rate.total} checks met` : <span className="text-slate-500">not verified</span>}</td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </div>
  );
}
