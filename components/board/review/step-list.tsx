import { PageLink } from "@/components/layout/page-link";
import { CELL_META } from "@/lib/board/cell-state";
import type { ReviewStepRow } from "@/lib/data/team-review";
import { cn } from "@/lib/utils";
import { CELL_CLASS } from "../cell-style";

/** The team's 40 steps, day by day; each opens its review panel. */
export function ReviewStepList({ teamId, steps, selected }: { teamId: string; steps: ReviewStepRow[]; selected: string }) {
  const days = [...new Set(steps.map((s) => s.day))];
  return (
    <nav aria-label="Steps" className="space-y-3">
      {days.map((day) => (
        <div key={day}>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Day {day}</h3>
          <ul className="mt-1 space-y-0.5">
            {steps
              .filter((s) => s.day === day)
              .map((s) => (
                <li key={s.id}>
                  <PageLink
                    href={`/instructor/teams/${teamId}?step=${s.id}`}
                    aria-current={s.id === selected ? "page" : undefined}
                    className={cn("flex items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-slate-100", s.id === selected && "bg-brand-50 font-medium text-brand-900")}
                  >
                    <span aria-hidden className={cn("inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-[3px] text-[10px] leading-none", CELL_CLASS[s.cell])}>
                      {CELL_META[s.cell].glyph}
                    </span>
                    <span className="relative min-w-0 flex-1 truncate">
                      {s.number} {s.title}
                      <span className="sr-only">: {CELL_META[s.cell].label}</span>
                    </span>
                    {s.unread ? (
                      <span className="shrink-0 rounded-full bg-brand-600 px-1.5 text-[10px] font-semibold text-white">
                        {s.unread}
                        <span className="sr-only"> new comments</span>
                      </span>
                    ) : s.comments ? (
                      <span className="shrink-0 text-xs text-slate-600" title={`${s.comments} comments`}>
                        💬 {s.comments}
                        <span className="sr-only"> comments</span>
                      </span>
                    ) : null}
                    {s.runs ? <span className="shrink-0 text-xs tabular-nums text-slate-600">{s.runs} {s.runs === 1 ? "run" : "runs"}</span> : null}
                  </PageLink>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
