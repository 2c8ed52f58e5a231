import { AppError } from "@/lib/errors";
import { ACTION_WORDS } from "./action-words";

/**
 * THE permission table. Every server action and data function asks `can` (or `assertCan`) with the
 * actor's role and the relations the data layer found between the actor and the resource.
 */
export const ROLES = ["STUDENT", "INSTRUCTOR", "STAKEHOLDER"] as const;
export type Role = (typeof ROLES)[number];

/** How an actor is related to a team or cohort; computed from the database, never from the request. */
export type Relation = "teamMember" | "cohortInstructor" | "cohortStakeholder" | "anyone";

export const ACTIONS = [
  "plan.read",
  "plan.chooseTeam",
  "courseFile.read",
  "progress.read",
  "progress.write",
  "note.read",
  "note.write",
  "board.read",
  "teamBoard.open",
  "cohortProgress.open",
  "cohort.create",
  "cohort.manage",
  "joinCode.read",
  "joinCode.rotate",
  "memberEmail.read",
  "blockedReason.read",
  "cluster.read",
  "cluster.connect",
  "run.read",
  "run.apply",
  "run.verify",
  "attestation.write",
  "gate.override",
  "signoff.read",
  "signoff.sign",
  "signoff.reopen",
  "report.read",
  "report.write",
  "progress.export",
  "audit.verify",
  "audit.read",
  "step.reset",
  "team.review",
  "comment.read",
  "comment.post",
  "calendar.read",
  "blockedStep.read",
  "passRate.read",
  "performance.read",
] as const;
export type Action = (typeof ACTIONS)[number];

type Grants = Partial<Record<Role, readonly Relation[]>>;

export const PERMISSIONS = {
  "plan.read": { STUDENT: ["anyone"], INSTRUCTOR: ["anyone"], STAKEHOLDER: ["anyone"] },
  // Open another team's plan with ?team= (read-only); a student's plan is always their own team's.
  "plan.chooseTeam": { INSTRUCTOR: ["anyone"], STAKEHOLDER: ["anyone"] },
  // The course pack's files (manifests, chart, docs) under /plan/files.
  "courseFile.read": { STUDENT: ["anyone"], INSTRUCTOR: ["anyone"], STAKEHOLDER: ["anyone"] },
  "progress.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"], STAKEHOLDER: ["cohortStakeholder"] },
  "progress.write": { STUDENT: ["teamMember"] },
  "note.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"] },
  "note.write": { STUDENT: ["teamMember"] },
  "board.read": { INSTRUCTOR: ["cohortInstructor"], STAKEHOLDER: ["cohortStakeholder"] },
  // The areas of the app: the instructor's team board (/instructor) and the read-only cohort progress (/stakeholder).
  "teamBoard.open": { INSTRUCTOR: ["anyone"] },
  "cohortProgress.open": { INSTRUCTOR: ["anyone"], STAKEHOLDER: ["anyone"] },
  "cohort.create": { INSTRUCTOR: ["anyone"] },
  "cohort.manage": { INSTRUCTOR: ["cohortInstructor"] },
  // What the board shows beyond progress: only the cohort's instructor sees join codes and emails.
  "joinCode.read": { INSTRUCTOR: ["cohortInstructor"] },
  "joinCode.rotate": { INSTRUCTOR: ["cohortInstructor"] },
  "memberEmail.read": { INSTRUCTOR: ["cohortInstructor"] },
  "blockedReason.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"] },
  // The team's cluster connection (address, version, namespace), never its credentials.
  "cluster.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"] },
  "cluster.connect": { STUDENT: ["teamMember"] },
  "run.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"] },
  // Changes the team's cluster: apply manifests, run kubectl-style actions.
  "run.apply": { STUDENT: ["teamMember"] },
  // Reads the team's cluster and records the verdict: verify a step, re-verify all.
  "run.verify": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"] },
  "attestation.write": { STUDENT: ["teamMember"] },
  "gate.override": { INSTRUCTOR: ["cohortInstructor"] },
  // Step 20.2's sign-off chain: the team, its instructor and the cohort's stakeholders see it and what each hash covers.
  "signoff.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"], STAKEHOLDER: ["cohortStakeholder"] },
  // Who signs is narrowed further by designation (technical lead, project manager) and the chain's order.
  "signoff.sign": { STUDENT: ["teamMember"], STAKEHOLDER: ["cohortStakeholder"] },
  "signoff.reopen": { INSTRUCTOR: ["cohortInstructor"] },
  // Step 19.2's closure report; its blockers section follows blockedReason.read.
  "report.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"], STAKEHOLDER: ["cohortStakeholder"] },
  // The report's lessons learned, written by the team.
  "report.write": { STUDENT: ["teamMember"] },
  // CSV and JSON export of a cohort's progress (no notes, emails or join codes).
  "progress.export": { INSTRUCTOR: ["cohortInstructor"], STAKEHOLDER: ["cohortStakeholder"] },
  // Verifying the audit chain shows only whether it holds and where it breaks; listing events is per cohort.
  "audit.verify": { INSTRUCTOR: ["anyone"] },
  "audit.read": { INSTRUCTOR: ["cohortInstructor"] },
  // Sets a step back to not started; its runs and events stay, and runs before the reset stop counting.
  "step.reset": { INSTRUCTOR: ["cohortInstructor"] },
  // The instructor's drill-down into one team: every run, note, blocked reason and comment.
  "team.review": { INSTRUCTOR: ["cohortInstructor"] },
  // Comments on a team's step: between the team and its instructors (stakeholders follow progress only).
  "comment.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"] },
  "comment.post": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"] },
  "calendar.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"], STAKEHOLDER: ["cohortStakeholder"] },
  // Which steps are flagged blocked and since when; the reason is part of the note (blockedReason.read).
  "blockedStep.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"], STAKEHOLDER: ["cohortStakeholder"] },
  // Aggregates of the latest verifications and performance tests, never their evidence.
  "passRate.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"], STAKEHOLDER: ["cohortStakeholder"] },
  "performance.read": { STUDENT: ["teamMember"], INSTRUCTOR: ["cohortInstructor"], STAKEHOLDER: ["cohortStakeholder"] },
} as const satisfies Record<Action, Grants>;

export function can(role: Role, action: Action, relations: Iterable<Relation> = []): boolean {
  const granted: readonly Relation[] = (PERMISSIONS[action] as Grants)[role] ?? [];
  if (granted.includes("anyone")) return true;
  for (const relation of relations) if (granted.includes(relation)) return true;
  return false;
}

export class ForbiddenError extends AppError {
  constructor(readonly action: Action) {
    super("FORBIDDEN", `You are not allowed to ${ACTION_WORDS[action]}.`);
  }
}

export function assertCan(role: Role, action: Action, relations: Iterable<Relation> = []): void {
  if (!can(role, action, relations)) throw new ForbiddenError(action);
}
