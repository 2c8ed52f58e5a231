"use client";

import { useId } from "react";
import { CELL_META, CELL_STATES, type CellState } from "@/lib/board/cell-state";
import type { BoardFilter } from "@/lib/board/filter";
import type { BoardOutline } from "./outline";

const select = "max-w-[15rem] rounded-lg border border-slate-300 bg-white py-1.5 pl-2.5 pr-8 text-sm text-slate-800 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** Narrow the board to a day, a phase or a state, or to the teams that are stuck. */
export function BoardFilters({ outline, filter, onChange }: { outline: BoardOutline; filter: BoardFilter; onChange: (f: BoardFilter) => void }) {
  const id = useId();
  const days = outline.days.filter((d) => filter.phase === null || d.phase === filter.phase);
  return (
    <fieldset className="flex flex-wrap items-end gap-3" data-testid="board-filters">
      <legend className="sr-only">Filter the board</legend>
      <div className="text-xs font-medium text-slate-700">
        <label htmlFor={`${id}-phase`}>Phase</label>
        <select id={`${id}-phase`} className={`${select} mt-0.5 block`} value={filter.phase ?? ""} onChange={(e) => onChange({ ...filter, phase: e.target.value ? Number(e.target.value) : null, day: null })}>
          <option value="">All phases</option>
          {outline.phases.map((p) => (
            <option key={p.number} value={p.number}>
              Phase {p.number}: {p.title}
            </option>
          ))}
        </select>
      </div>
      <div className="text-xs font-medium text-slate-700">
        <label htmlFor={`${id}-day`}>Day</label>
        <select id={`${id}-day`} className={`${select} mt-0.5 block`} value={filter.day ?? ""} onChange={(e) => onChange({ ...filter, day: e.target.value ? Number(e.target.value) : null })}>
          <option value="">{filter.phase === null ? "All days" : `All days of phase ${filter.phase}`}</option>
          {days.map((d) => (
            <option key={d.day} value={d.day}>
              Day {d.day}: {d.title}
            </option>
          ))}
        </select>
      </div>
      <div className="text-xs font-medium text-slate-700">
        <label htmlFor={`${id}-state`}>State</label>
        <select id={`${id}-state`} className={`${select} mt-0.5 block`} value={filter.state ?? ""} onChange={(e) => onChange({ ...filter, state: (e.target.value || null) as CellState | null })}>
          <option value="">Any state</option>
          {CELL_STATES.map((s) => (
            <option key={s} value={s}>
              {CELL_META[s].label}
            </option>
          ))}
        </select>
      </div>
      <label className="flex items-center gap-2 pb-2 text-sm text-slate-800">
        <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={filter.stuckOnly} onChange={(e) => onChange({ ...filter, stuckOnly: e.target.checked })} />
        Only stuck teams
      </label>
    </fieldset>
  );
}
