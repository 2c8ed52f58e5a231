import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan, type Action } from "@/lib/authz/permissions";
import { relationsToCohort, relationsToTeam } from "./relations";

/** Throws a FORBIDDEN AppError unless the permission table allows `action` on this team for this actor. */
export async function authorizeTeam(actor: Actor, action: Action, teamId: string): Promise<void> {
  assertCan(actor.role, action, await relationsToTeam(actor, teamId));
}

export async function authorizeCohort(actor: Actor, action: Action, cohortId: string): Promise<void> {
  assertCan(actor.role, action, await relationsToCohort(actor, cohortId));
}
