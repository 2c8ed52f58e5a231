import type { Course } from "@/lib/course/schema";

export const STEP_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "DONE_MANUAL", "VERIFIED", "REGRESSED", "FAILED", "ATTESTED"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const STATUS_LABEL: Record<StepStatus, string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  DONE_MANUAL: "Done (by hand)",
  VERIFIED: "Verified",
  REGRESSED: "Regressed",
  FAILED: "Check failed",
  ATTESTED: "Attested",
};

export const isDone = (status: StepStatus | undefined) => status === "DONE_MANUAL" || status === "VERIFIED" || status === "ATTESTED";

/** Proven by the cluster (or, for steps only a person can confirm, by a named attestation). */
export const isProven = (status: StepStatus | undefined) => status === "VERIFIED" || status === "ATTESTED";

export type Fraction = { done: number; total: number; percent: number };
export type CourseProgress = {
  overall: Fraction;
  byPhase: Map<number, Fraction>;
  byDay: Map<number, Fraction>;
  nextStepId: string | null;
};

const fraction = (done: number, total: number): Fraction => ({
  done,
  total,
  percent: total === 0 ? 0 : Math.floor((done / total) * 100),
});

/** Progress bars and the next step, from a team's step statuses (missing = not started). */
export function computeProgress(course: Course, statuses: ReadonlyMap<string, StepStatus>): CourseProgress {
  const byDay = new Map<number, Fraction>();
  const byPhase = new Map<number, Fraction>();
  let done = 0;
  let total = 0;
  let nextStepId: string | null = null;

  for (const day of course.days) {
    const dayDone = day.steps.filter((s) => isDone(statuses.get(s.id))).length;
    byDay.set(day.day, fraction(dayDone, day.steps.length));
    const phase = byPhase.get(day.phase) ?? fraction(0, 0);
    byPhase.set(day.phase, fraction(phase.done + dayDone, phase.total + day.steps.length));
    done += dayDone;
    total += day.steps.length;
    nextStepId ??= day.steps.find((s) => !isDone(statuses.get(s.id)))?.id ?? null;
  }
  return { overall: fraction(done, total), byPhase, byDay, nextStepId };
}

/** Steps before this one (in plan order) that are not done yet: moving ahead of them warns. */
export function unfinishedBefore(course: Course, stepId: string, statuses: ReadonlyMap<string, StepStatus>): string[] {
  const order = course.days.flatMap((d) => d.steps.map((s) => s.id));
  const index = order.indexOf(stepId);
  return index <= 0 ? [] : order.slice(0, index).filter((id) => !isDone(statuses.get(id)));
}
