import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan, type Action } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors";
import { cohortIdOfStudent, relationsToCohort, relationsToTeam } from "./relations";

/** Throws a FORBIDDEN AppError unless the permission table allows `action` on this team for this actor. */
export async function authorizeTeam(actor: Actor, action: Action, teamId: string): Promise<void> {
  assertCan(actor.role, action, await relationsToTeam(actor, teamId));
}

export async function authorizeCohort(actor: Actor, action: Action, cohortId: string): Promise<void> {
  assertCan(actor.role, action, await relationsToCohort(actor, cohortId));
}

/** For actions that name a student: checks `action` on the cohort of that student's team. */
export async function authorizeStudentCohort(actor: Actor, action: Action, studentId: string): Promise<void> {
  const cohortId = await cohortIdOfStudent(studentId);
  if (!cohortId) throw new AppError("NOT_FOUND", "That student is not on a team.");
  await authorizeCohort(actor, action, cohortId);
}
