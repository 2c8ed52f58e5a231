import { CELL_STATES, type CellState } from "./cell-state";

export type BoardFilter = { day: number | null; phase: number | null; state: CellState | null; stuckOnly: boolean };
export const NO_FILTER: BoardFilter = { day: null, phase: null, state: null, stuckOnly: false };

type Days = { day: number; phase: number; steps: unknown[] }[];
type Team = { cells: CellState[]; stuck: unknown };

/** The days whose columns show: one day, one phase's days, or all. */
export function shownDays(days: Days, filter: BoardFilter): number[] {
  return days.filter((d) => (filter.day === null || d.day === filter.day) && (filter.phase === null || d.phase === filter.phase)).map((d) => d.day);
}

/** Indexes (into a team's cells) of the steps of the shown days. */
export function shownSteps(days: Days, filter: BoardFilter): number[] {
  const show = new Set(shownDays(days, filter));
  let i = 0;
  return days.flatMap((d) => d.steps.map(() => i++).filter(() => show.has(d.day)));
}

/** Teams with a shown cell in the chosen state (and stuck, if asked); every team when no state is chosen. */
export function shownTeams<T extends Team>(teams: T[], days: Days, filter: BoardFilter): T[] {
  const steps = shownSteps(days, filter);
  return teams.filter((t) => (!filter.stuckOnly || t.stuck !== null) && (filter.state === null || steps.some((i) => t.cells[i] === filter.state)));
}

/** Reads a filter from the address bar (?day=3&phase=1&state=BLOCKED&stuck=1); anything unknown is ignored. */
export function parseFilter(params: { get(name: string): string | null }, days: Days): BoardFilter {
  const day = Number(params.get("day"));
  const phase = Number(params.get("phase"));
  const state = params.get("state");
  const validDay = days.find((d) => d.day === day);
  return {
    day: validDay ? day : null,
    phase: days.some((d) => d.phase === phase) && (!validDay || validDay.phase === phase) ? phase : null,
    state: CELL_STATES.includes(state as CellState) ? (state as CellState) : null,
    stuckOnly: params.get("stuck") === "1",
  };
}

export function filterQuery(filter: BoardFilter): string {
  const q = new URLSearchParams();
  if (filter.day !== null) q.set("day", String(filter.day));
  if (filter.phase !== null) q.set("phase", String(filter.phase));
  if (filter.state) q.set("state", filter.state);
  if (filter.stuckOnly) q.set("stuck", "1");
  return q.toString();
}
