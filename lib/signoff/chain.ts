import type { Course, SignoffRole as CourseSignoffRole, Step } from "@/lib/course/schema";
import { allSteps } from "@/lib/course/load";
import { formatWhen } from "@/lib/utils";

export type SignoffRole = "TECH_LEAD" | "PROJECT_MANAGER" | "STAKEHOLDER";

export const SIGNOFF_ROLE_LABEL: Record<SignoffRole, string> = { TECH_LEAD: "Technical lead", PROJECT_MANAGER: "Project manager", STAKEHOLDER: "Stakeholder" };

const FROM_COURSE: Record<CourseSignoffRole, SignoffRole> = { technicalLead: "TECH_LEAD", projectManager: "PROJECT_MANAGER", stakeholder: "STAKEHOLDER" };

/** The step that carries the sign-off (20.2), the final validation before it (20.1), and the order of the signers, all from the course data. */
export function signoffSteps(course: Course): { signoff: Step; finalValidation: Step; order: SignoffRole[] } {
  const steps = allSteps(course);
  const i = steps.findIndex((s) => s.signoff?.length);
  if (i <= 0) throw new Error("The course has no sign-off step after a final validation step.");
  return { signoff: steps[i]!, finalValidation: steps[i - 1]!, order: steps[i]!.signoff!.map((r) => FROM_COURSE[r]) };
}

/** The role a person signs in: a team's designated technical lead or project manager, or a stakeholder of its cohort. */
export function signerRole(actor: { role: string; designation: string | null }, relations: readonly string[]): SignoffRole | null {
  if (actor.role === "STAKEHOLDER" && relations.includes("cohortStakeholder")) return "STAKEHOLDER";
  if (actor.role === "STUDENT" && relations.includes("teamMember")) {
    if (actor.designation === "TECH_LEAD") return "TECH_LEAD";
    if (actor.designation === "PROJECT_MANAGER") return "PROJECT_MANAGER";
  }
  return null;
}

export type FinalValidation =
  | { state: "never" }
  | { state: "failed"; at: Date; summary: string }
  | { state: "running"; at: Date }
  | { state: "passed"; at: Date; runId: string };

export type RoundFacts = {
  order: SignoffRole[];
  signed: { role: SignoffRole; signerId: string; signerName: string }[];
  staleReason: string | null;
};

export type Eligibility = { ok: true; role: SignoffRole } | { ok: false; reason: string };

const list = (xs: string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);
const lower = (r: SignoffRole) => SIGNOFF_ROLE_LABEL[r].toLowerCase();

/**
 * Whether this person may sign now, and if not, the reason to show. The checks run in the order a
 * signer would want to hear them: the record's state, their part in it, the evidence (which holds
 * everyone back), and last whose turn it is.
 */
export function eligibility(input: {
  signerId: string;
  role: SignoffRole | null;
  isInstructor: boolean;
  round: RoundFacts;
  finalValidation: FinalValidation;
  finalValidationNumber: string;
  windowHours: number;
  regressed: string[];
  now: Date;
}): Eligibility {
  const { round, role } = input;
  if (round.signed.length >= round.order.length) return { ok: false, reason: `The sign-off is complete and locked. Only an instructor can reopen it, with a reason.` };
  if (round.staleReason) return { ok: false, reason: `The sign-offs so far are stale: ${round.staleReason}. An instructor reopens the sign-off so that it starts again on the current evidence.` };
  if (!role) {
    return { ok: false, reason: input.isInstructor ? "Instructors do not sign off; the team's technical lead, its project manager and a stakeholder do." : `Only the team's ${list(round.order.map(lower))} sign off.` };
  }
  const mine = round.signed.find((s) => s.signerId === input.signerId);
  if (mine) return { ok: false, reason: `You already signed this round as ${lower(mine.role)}; each person signs once.` };
  const done = round.signed.find((s) => s.role === role);
  if (done) return { ok: false, reason: `${done.signerName} already signed as ${lower(role)}.` };
  const fv = input.finalValidation;
  const step = `Step ${input.finalValidationNumber}'s final validation`;
  if (fv.state === "never") return { ok: false, reason: `${step} has not been run yet. Sign-off opens once it passes.` };
  if (fv.state === "running") return { ok: false, reason: `${step} is running right now. Sign-off opens once it passes.` };
  if (fv.state === "failed") return { ok: false, reason: `${step} did not pass on its latest run (${formatWhen(fv.at)}: ${fv.summary}). Sign-off opens once it passes.` };
  const ageHours = (input.now.getTime() - fv.at.getTime()) / 3_600_000;
  if (ageHours > input.windowHours) {
    return { ok: false, reason: `${step} last passed ${Math.floor(ageHours)} hours ago (${formatWhen(fv.at)}); a sign-off needs a pass within the last ${input.windowHours} hours. Verify Step ${input.finalValidationNumber} again.` };
  }
  if (input.regressed.length) return { ok: false, reason: `Step${input.regressed.length > 1 ? "s" : ""} ${list(input.regressed)} regressed. Repair and verify ${input.regressed.length > 1 ? "them" : "it"} first.` };
  const next = round.order.find((r) => !round.signed.some((s) => s.role === r))!;
  if (next !== role) return { ok: false, reason: `The ${lower(role)} signs after the ${lower(next)}, who has not signed yet.` };
  return { ok: true, role };
}

export const DEFAULT_WINDOW_HOURS = 48;

/** DAYBOOK_SIGNOFF_WINDOW_HOURS: how recent Step 20.1's pass must be. A value that is not a positive number is an error, not a silent default. */
export function signoffWindowHours(env: Record<string, string | undefined> = process.env): number {
  const raw = env.DAYBOOK_SIGNOFF_WINDOW_HOURS?.trim();
  if (!raw) return DEFAULT_WINDOW_HOURS;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours <= 0) throw new Error(`DAYBOOK_SIGNOFF_WINDOW_HOURS must be a positive number of hours (got "${raw}").`);
  return hours;
}
