import type { LoadState } from "@/lib/load/types";
import type { RunResults } from "./types";

/** "12 s of 60 s, 3400 requests": how far a performance test got. */
export const loadProgressSummary = (s: LoadState) => {
  const requests = s.targets.reduce((n, t) => n + t.totals.requests, 0);
  return `${Math.round(s.elapsedMs / 1000)} s of ${Math.round(s.plannedMs / 1000)} s, ${requests} requests`;
};

/**
 * The summary of a run closed as interrupted, not to be started again: a performance test says how far
 * its load got; another run keeps its last progress line after the reason.
 */
export function interruptedSummary(why: string, results: RunResults, lastSummary: string): string {
  if (results.type === "load") return `Interrupted: ${why} after ${loadProgressSummary(results.load)}; it is not started again by itself.`;
  return `Interrupted: ${why}; it is not started again by itself. ${lastSummary}`.trim();
}
