import "server-only";
import type { Actor } from "@/lib/auth/session";
import type { Relation } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/prisma";

/** Every relation the actor has to a team, read from the database. */
export async function relationsToTeam(actor: Actor, teamId: string): Promise<Relation[]> {
  const team = await (await getDb()).team.findUnique({
    where: { id: teamId },
    select: { cohort: { select: { instructorId: true, stakeholders: { where: { userId: actor.id }, select: { userId: true } } } } },
  });
  if (!team) return [];
  const relations: Relation[] = [];
  if (actor.teamId === teamId) relations.push("teamMember");
  if (team.cohort.instructorId === actor.id) relations.push("cohortInstructor");
  if (team.cohort.stakeholders.length > 0) relations.push("cohortStakeholder");
  return relations;
}

export async function relationsToCohort(actor: Actor, cohortId: string): Promise<Relation[]> {
  const cohort = await (await getDb()).cohort.findUnique({
    where: { id: cohortId },
    select: { instructorId: true, stakeholders: { where: { userId: actor.id }, select: { userId: true } }, teams: { where: { id: actor.teamId ?? "" }, select: { id: true } } },
  });
  return cohort ? cohortRelations(actor, cohort) : [];
}

/** Relations to a cohort row fetched with the actor's stakeholder link and the actor's team (if any) selected. */
export function cohortRelations(actor: Actor, cohort: { instructorId: string; stakeholders: unknown[]; teams: unknown[] }): Relation[] {
  const relations: Relation[] = [];
  if (cohort.instructorId === actor.id) relations.push("cohortInstructor");
  if (cohort.stakeholders.length > 0) relations.push("cohortStakeholder");
  if (cohort.teams.length > 0) relations.push("teamMember");
  return relations;
}
