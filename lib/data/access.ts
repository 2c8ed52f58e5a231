import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan, type Action, type Relation } from "@/lib/authz/permissions";
import { relationsToCohort, relationsToTeam } from "./relations";

/** Throws a FORBIDDEN AppError unless the permission table allows `action` on this team for this actor; returns the actor's relations to it, for what else the caller may show. */
export async function authorizeTeam(actor: Actor, action: Action, teamId: string): Promise<Relation[]> {
  const relations = await relationsToTeam(actor, teamId);
  assertCan(actor.role, action, relations);
  return relations;
}

export async function authorizeCohort(actor: Actor, action: Action, cohortId: string): Promise<void> {
  assertCan(actor.role, action, await relationsToCohort(actor, cohortId));
}
