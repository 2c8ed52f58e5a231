import type { CheckStatus } from "@/lib/checks/types";

/** A check's live state: decided from the watch caches, or left to Verify (it needs more than a watch can give). */
export type LiveCheckState = CheckStatus | "verify";

export type LiveCheck = { checkId: string; title: string; state: LiveCheckState; expected: string; actual: string };

/** What the step page shows live; never stored, never evidence. */
export type LiveSnapshot = {
  stepId: string;
  stepNumber: string;
  /** When the cluster was last read into this state (ISO). */
  at: string;
  checks: LiveCheck[];
  /** Why the live state may be stale or missing (the cluster cannot be reached, a watch keeps failing). */
  problem?: string;
};
