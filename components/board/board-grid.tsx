import { PageLink } from "@/components/layout/page-link";
import { CELL_META, type CellState } from "@/lib/board/cell-state";
import type { LiveTeam } from "@/lib/data/live-board";
import { cn, stepHref } from "@/lib/utils";
import { CELL_CLASS, CELL_DIMMED } from "./cell-style";
import type { BoardOutline } from "./outline";
import { PaceBadge, StuckBadge } from "./team-badges";

type Props = {
  outline: BoardOutline;
  teams: LiveTeam[];
  days: number[];
  state: CellState | null;
  dayPercent: number[];
  caption: string;
  teamHref: (teamId: string) => string;
};

/** Teams × steps: one row per team, one cell per step of the shown days, and each day's completion under it. */
export function BoardGrid({ outline, teams, days, state, dayPercent, caption, teamHref }: Props) {
  const shown = new Set(days);
  const shownDays = outline.days.filter((d) => shown.has(d.day));
  const offsets = new Map<string, number>();
  outline.days.flatMap((d) => d.steps).forEach((s, i) => offsets.set(s.id, i));
  const firstOfPhase = new Set(outline.phases.map((p) => Math.min(...p.days.filter((d) => shown.has(d)))));
  const edge = (day: number, i: number) => (i === 0 ? (firstOfPhase.has(day) ? "border-l border-slate-300 pl-1.5" : "pl-1") : "pl-px");
  return (
    <div className={cn("scroll-visible relative pb-1", teams.length > 12 && "max-h-[72vh] overflow-y-auto")} data-testid="board-grid">
      <table className="w-full min-w-max border-separate border-spacing-0 text-xs">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th rowSpan={2} scope="col" className="sticky left-0 top-0 z-30 min-w-28 bg-white pr-2 text-left align-bottom font-semibold uppercase tracking-wide text-slate-600 sm:min-w-40">
              Team
            </th>
            {outline.phases
              .filter((p) => p.days.some((d) => shown.has(d)))
              .map((p) => (
                <th key={p.number} scope="colgroup" colSpan={outline.days.filter((d) => d.phase === p.number && shown.has(d.day)).reduce((n, d) => n + d.steps.length, 0)} className="sticky top-0 z-20 h-5 border-l border-slate-300 bg-white px-1.5 text-left font-medium whitespace-nowrap text-slate-600">
                  Phase {p.number}
                </th>
              ))}
            <th rowSpan={2} scope="col" className="sticky top-0 z-20 bg-white pl-2 text-right align-bottom font-semibold uppercase tracking-wide text-slate-600">
              Done
            </th>
          </tr>
          <tr>
            {shownDays.map((d) => (
              <th key={d.day} scope="colgroup" colSpan={d.steps.length} title={`Day ${d.day}: ${d.title}`} className={cn("sticky top-5 z-20 bg-white pb-1 text-center font-medium tabular-nums text-slate-700", firstOfPhase.has(d.day) ? "border-l border-slate-300 pl-1.5" : "pl-1")}>
                <span className="sr-only">Day </span>
                {d.day}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => {
            const unread = new Set(team.unread);
            return (
              <tr key={team.id} data-testid={`board-row-${team.id}`} className={team.stuck ? "bg-amber-50" : undefined}>
                <th scope="row" className={cn("sticky left-0 z-10 py-0.5 pr-2 text-left font-normal", team.stuck ? "bg-amber-50 shadow-[inset_3px_0_0_0_var(--color-amber-500)]" : "bg-white")}>
                  <span className={cn("flex min-w-0 items-center gap-1.5", team.stuck && "pl-1.5")}>
                    <PageLink href={teamHref(team.id)} className="min-w-0 max-w-28 truncate text-sm font-medium text-slate-900 hover:text-brand-700 hover:underline sm:max-w-36">
                      {team.name}
                    </PageLink>
                    {team.stuck ? <StuckBadge stuck={team.stuck} compact /> : null}
                    {team.pace ? <PaceBadge pace={team.pace} compact /> : null}
                    {team.unread.length ? (
                      <span className="shrink-0 rounded-full bg-brand-600 px-1.5 text-[10px] font-semibold text-white" title={`${team.unread.length} steps with new comments`}>
                        {team.unread.length}
                        <span className="sr-only"> steps with new comments</span>
                      </span>
                    ) : null}
                  </span>
                </th>
                {shownDays.flatMap((d) =>
                  d.steps.map((step, i) => {
                    const at = offsets.get(step.id)!;
                    const cell = team.cells[at] ?? "NOT_STARTED";
                    const dim = state !== null && cell !== state;
                    const label = `${team.name} · Step ${step.number} ${step.title}: ${CELL_META[cell].label}${unread.has(at) ? ", new comment" : ""}`;
                    return (
                      <td key={step.id} className={cn("py-0.5", edge(d.day, i))}>
                        <PageLink
                          href={stepHref(step.id, team.id)}
                          title={label}
                          data-testid={`cell-${team.id}-${step.id}`}
                          data-state={cell}
                          className={cn("board-cell", dim ? CELL_DIMMED : CELL_CLASS[cell])}
                        >
                          <span aria-hidden>{dim ? "" : CELL_META[cell].glyph}</span>
                          {unread.has(at) ? <span aria-hidden className="absolute -right-0.5 -top-0.5 h-2 w-2 rounded-full bg-brand-600 ring-1 ring-white" /> : null}
                        </PageLink>
                      </td>
                    );
                  }),
                )}
                <td className="pl-2 text-right tabular-nums text-slate-700">{team.percent}%</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="sticky left-0 z-10 bg-white pt-1.5 pr-2 text-left font-semibold text-slate-600">
              Done per day
            </th>
            {shownDays.map((d) => (
              <td key={d.day} colSpan={d.steps.length} className={cn("pt-1.5 text-center tabular-nums text-slate-700", firstOfPhase.has(d.day) ? "border-l border-slate-300 pl-1.5" : "pl-1")} data-testid={`day-percent-${d.day}`}>
                <span className="sr-only">Day {d.day}: </span>
                {dayPercent[d.day - 1] ?? 0}%
              </td>
            ))}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
