import { CELL_META, CELL_STATES } from "@/lib/board/cell-state";
import { cn } from "@/lib/utils";
import { CELL_CLASS } from "./cell-style";
import { PaceBadge } from "./team-badges";

/** What each cell and team badge means, in a swatch, its glyph and words. */
export function BoardLegend({ comments = false, pace = false }: { comments?: boolean; pace?: boolean }) {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-slate-700" data-testid="board-legend">
      {CELL_STATES.map((state) => (
        <li key={state} className="flex items-center gap-1.5">
          <span aria-hidden className={cn("inline-flex h-4 w-4 items-center justify-center rounded-[3px] text-[10px] leading-none", CELL_CLASS[state])}>
            {CELL_META[state].glyph}
          </span>
          {CELL_META[state].label}
        </li>
      ))}
      {comments ? (
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="relative inline-block h-4 w-4 rounded-[3px] bg-slate-100 ring-1 ring-inset ring-slate-300">
            <span className="absolute -right-0.5 -top-0.5 h-2 w-2 rounded-full bg-brand-600 ring-1 ring-white" />
          </span>
          New comment
        </li>
      ) : null}
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="inline-flex h-4 items-center rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-950">⚠</span>
        Stuck team
      </li>
      {pace ? (
        <li className="flex items-center gap-1.5">
          <PaceBadge pace="ahead" />
          <PaceBadge pace="on_track" />
          <PaceBadge pace="behind" />
          by the course calendar
        </li>
      ) : null}
    </ul>
  );
}
