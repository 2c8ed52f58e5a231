import type { Course, Step } from "@/lib/course/schema";
import { allSteps } from "@/lib/course/load";
import { isProven, type StepStatus } from "@/lib/progress/compute";

export type Gate = { open: true; via: "first" | "previous" | "override" } | { open: false; blockedBy: Step; reason: string };


/**
 * A step's Apply, operations and Verify open once the step before it is proven (verified or attested),
 * or an instructor overrode the gate. Doing the work by hand is always possible.
 */
export function stepGate(course: Course, stepId: string, statuses: ReadonlyMap<string, StepStatus>, overrides: ReadonlySet<string>): Gate {
  const steps = allSteps(course);
  const i = steps.findIndex((s) => s.id === stepId);
  if (i <= 0) return { open: true, via: "first" };
  if (overrides.has(stepId)) return { open: true, via: "override" };
  const previous = steps[i - 1]!;
  if (isProven(statuses.get(previous.id))) return { open: true, via: "previous" };
  return { open: false, blockedBy: previous, reason: `Step ${previous.number} is not verified yet. Verify it first, or ask your instructor to open this step.` };
}
