import type { StepStatus } from "@/lib/progress/compute";

/** What one cell of the cohort board shows for a team's step. */
export const CELL_STATES = ["NOT_STARTED", "IN_PROGRESS", "DONE_MANUAL", "VERIFIED", "ATTESTED", "FAILED", "REGRESSED", "OVERRIDDEN", "BLOCKED"] as const;
export type CellState = (typeof CELL_STATES)[number];

/** Each state in words and a glyph, so the board never relies on colour alone. */
export const CELL_META: Record<CellState, { label: string; glyph: string }> = {
  NOT_STARTED: { label: "Not started", glyph: "" },
  IN_PROGRESS: { label: "In progress", glyph: "…" },
  DONE_MANUAL: { label: "Done by hand", glyph: "✓" },
  VERIFIED: { label: "Verified", glyph: "✔" },
  ATTESTED: { label: "Attested", glyph: "A" },
  FAILED: { label: "Check failed", glyph: "✗" },
  REGRESSED: { label: "Regressed", glyph: "↓" },
  OVERRIDDEN: { label: "Gate overridden", glyph: "»" },
  BLOCKED: { label: "Blocked", glyph: "!" },
};

/**
 * A team's flag wins (it asks for help); then what the cluster said (regressed, failed, verified,
 * attested), then the team's own word; an instructor's open gate shows until the step is done or checked.
 */
export function cellState(input: { status: StepStatus | undefined; blocked: boolean; overridden: boolean }): CellState {
  if (input.blocked) return "BLOCKED";
  const status = input.status ?? "NOT_STARTED";
  if (status === "NOT_STARTED" || status === "IN_PROGRESS") return input.overridden ? "OVERRIDDEN" : status;
  return status;
}
