import type { Step } from "@/lib/course/schema";

/**
 * What happens to a run whose worker stopped before it finished (SIGKILL, a crash, a lost machine):
 * - "retry": another worker runs it again from the start; what the lost attempt saw is kept with the run.
 * - "interrupt": the run is closed as interrupted with what it saw so far, and is never started again
 *   by itself (a load test, a command that must not run twice).
 */
export type LostRunPolicy = "retry" | "interrupt";

export type RunPolicy = {
  onLost: LostRunPolicy;
  /** Attempts after the first (pg-boss retryLimit); 0 with "interrupt". */
  retryLimit: number;
  /** pg-boss's own backstop: an attempt active longer than this is failed (and retried if allowed). */
  expireInSeconds: number;
  /** Whether a running attempt can be stopped halfway (a queued one always can). */
  cancellableWhileRunning: boolean;
};

export type PolicyInput = { kind: string; step?: Step };

const RETRY: RunPolicy = { onLost: "retry", retryLimit: 3, expireInSeconds: 30 * 60, cancellableWhileRunning: true };
const INTERRUPT: RunPolicy = { onLost: "interrupt", retryLimit: 0, expireInSeconds: 30 * 60, cancellableWhileRunning: true };

const policies = new Map<string, (input: PolicyInput) => RunPolicy>([
  // Reading the cluster again is harmless (a verification judges load checks by the stored performance test).
  ["VERIFY", () => RETRY],
  // A performance test must not start over by itself: the team would get twice the load and a second
  // verdict. Stopping it halfway is fine: it keeps the partial measurement, unjudged.
  ["LOAD", () => INTERRUPT],
  ["PREVIEW", () => ({ ...RETRY, cancellableWhileRunning: false })],
  // Server-side apply of the same manifests is idempotent.
  ["APPLY", () => ({ ...RETRY, cancellableWhileRunning: false })],
  // `rollout undo`, a drain or `psql < file` run twice is not the same as once.
  ["OPERATION", () => ({ ...INTERRUPT, cancellableWhileRunning: false })],
  // The parent of re-verify all only starts its children.
  ["REVERIFY_ALL", () => ({ ...RETRY, expireInSeconds: 5 * 60 })],
]);

export function runPolicy(input: PolicyInput): RunPolicy {
  const policy = policies.get(input.kind);
  if (!policy) throw new Error(`No queue policy for runs of kind ${input.kind}`);
  return policy(input);
}
