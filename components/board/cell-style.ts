import type { CellState } from "@/lib/board/cell-state";

/** Colours of the board's cells; every state also has its glyph and words (CELL_META), so colour is never alone. */
export const CELL_CLASS: Record<CellState, string> = {
  NOT_STARTED: "bg-slate-100 text-slate-500 ring-1 ring-inset ring-slate-300",
  IN_PROGRESS: "bg-amber-200 text-amber-950",
  DONE_MANUAL: "bg-emerald-200 text-emerald-950",
  VERIFIED: "bg-emerald-700 text-white",
  ATTESTED: "bg-sky-700 text-white",
  FAILED: "bg-orange-300 text-orange-950",
  REGRESSED: "bg-rose-700 text-white",
  OVERRIDDEN: "bg-violet-200 text-violet-950",
  BLOCKED: "bg-white text-rose-700 ring-2 ring-inset ring-rose-600 font-bold",
};

/** Cells the filter leaves out: no colour, no glyph, so what matches stands out. */
export const CELL_DIMMED = "bg-slate-50 ring-1 ring-inset ring-slate-200";
