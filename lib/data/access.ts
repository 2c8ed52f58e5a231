import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan, ForbiddenError, type Action } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors";
import { relationsToCohort, relationsToTeam } from "./relations";

/** Throws unless the permission table allows `action` on this team for this actor. */
export async function authorizeTeam(actor: Actor, action: Action, teamId: string): Promise<void> {
  try {
    assertCan(actor.role, action, await relationsToTeam(actor, teamId));
  } catch (error) {
    if (error instanceof ForbiddenError) throw new AppError("FORBIDDEN", error.message);
    throw error;
  }
}

export async function authorizeCohort(actor: Actor, action: Action, cohortId: string): Promise<void> {
  try {
    assertCan(actor.role, action, await relationsToCohort(actor, cohortId));
  } catch (error) {
    if (error instanceof ForbiddenError) throw new AppError("FORBIDDEN", error.message);
    throw error;
  }
}
