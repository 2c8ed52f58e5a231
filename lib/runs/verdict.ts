import type { CheckResult } from "@/lib/checks/types";
import type { Check } from "@/lib/course/schema";
import type { StepStatus } from "@/lib/progress/compute";

export type StepVerdict = {
  /** The step's status after this run; undefined when the run says nothing about the step (e.g. the cluster was unreachable). */
  status?: StepStatus;
  passed: number;
  total: number;
  summary: string;
};

const isOnce = (c: Check) => c.observe === "once";

/**
 * What a verification run means for the step. Checks observed "once" (a moment in a procedure) keep an
 * earlier pass; every other automated check must pass now; manual checks need an attestation.
 */
export function stepVerdict(input: {
  checks: Check[];
  results: CheckResult[];
  previous: StepStatus | undefined;
  /** Ids of "once" checks that passed in an earlier run since the step was last reset. */
  passedBefore: ReadonlySet<string>;
  /** Ids of manual checks a team member has attested. */
  attested: ReadonlySet<string>;
}): StepVerdict {
  const byId = new Map(input.results.map((r) => [r.checkId, r]));
  const automated = input.checks.filter((c) => c.kind !== "manual");
  const manual = input.checks.filter((c) => c.kind === "manual");
  const ok = (c: Check) => byId.get(c.id)?.status === "pass" || (isOnce(c) && input.passedBefore.has(c.id));
  const passed = automated.filter(ok).length + manual.filter((c) => input.attested.has(c.id)).length;
  const total = input.checks.length;
  const errors = automated.filter((c) => !ok(c) && byId.get(c.id)?.status === "error");
  const undecided = automated.filter((c) => !ok(c) && byId.get(c.id)?.status === "inconclusive");
  const failing = automated.filter((c) => !ok(c) && byId.get(c.id)?.status === "fail");
  const unattested = manual.filter((c) => !input.attested.has(c.id));
  const parts = [`${passed} of ${total} checks met`, failing.length && `${failing.length} failed`, undecided.length && `${undecided.length} could not be decided on this cluster`, errors.length && `${errors.length} could not run`, unattested.length && `${unattested.length} to confirm by attestation`].filter(Boolean);
  const summary = parts.join(", ");
  if (failing.length + undecided.length + unattested.length === 0 && errors.length === 0) {
    return { status: automated.length === 0 ? "ATTESTED" : "VERIFIED", passed, total, summary };
  }
  // A check that could not run is no evidence about the step: keep its status.
  if (failing.length === 0 && undecided.length === 0 && errors.length > 0) return { passed, total, summary };
  // Every automated check passes and only attestations are missing: the team's work is not in question.
  if (failing.length + undecided.length === 0) return { passed, total, summary };
  const wasProven = input.previous === "VERIFIED" || input.previous === "ATTESTED" || input.previous === "REGRESSED";
  return { status: wasProven ? "REGRESSED" : "FAILED", passed, total, summary };
}
