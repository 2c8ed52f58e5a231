import "server-only";
import { cache } from "react";
import type { Actor } from "@/lib/auth/session";
import type { Relation } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/prisma";

export type TeamAccess = { relations: Relation[]; team: { name: string; cohort: string } | null };

/**
 * The actor's relations to a team, with the team's and cohort's names, in one query. Memoized for the
 * request (React's cache): a page's data functions each authorize, without each re-reading them.
 */
export const teamAccess = cache(async (actor: Actor, teamId: string): Promise<TeamAccess> => {
  // Raw SQL: one indexed lookup, about a third of what the same read costs through Prisma's nested select.
  const [team] = await (await getDb()).$queryRaw<{ name: string; cohort: string; instructorId: string; stakeholder: boolean }[]>`
    SELECT t."name", c."name" AS "cohort", c."instructorId",
           EXISTS (SELECT 1 FROM "CohortStakeholder" s WHERE s."cohortId" = c."id" AND s."userId" = ${actor.id}) AS "stakeholder"
    FROM "Team" t JOIN "Cohort" c ON c."id" = t."cohortId"
    WHERE t."id" = ${teamId}`;
  if (!team) return { relations: [], team: null };
  const relations: Relation[] = [];
  if (actor.teamId === teamId) relations.push("teamMember");
  if (team.instructorId === actor.id) relations.push("cohortInstructor");
  if (team.stakeholder) relations.push("cohortStakeholder");
  return { relations, team: { name: team.name, cohort: team.cohort } };
});

/** Every relation the actor has to a team, read from the database. */
export async function relationsToTeam(actor: Actor, teamId: string): Promise<Relation[]> {
  return (await teamAccess(actor, teamId)).relations;
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
