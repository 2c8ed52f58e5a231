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
  const team = await (await getDb()).team.findUnique({
    where: { id: teamId },
    select: { name: true, cohort: { select: { name: true, instructorId: true, stakeholders: { where: { userId: actor.id }, select: { userId: true } } } } },
  });
  if (!team) return { relations: [], team: null };
  const relations: Relation[] = [];
  if (actor.teamId === teamId) relations.push("teamMember");
  if (team.cohort.instructorId === actor.id) relations.push("cohortInstructor");
  if (team.cohort.stakeholders.length > 0) relations.push("cohortStakeholder");
  return { relations, team: { name: team.name, cohort: team.cohort.name } };
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

/** The cohort a student's team belongs to, for checks on actions that name a student. */
export async function cohortIdOfStudent(userId: string): Promise<string | null> {
  const member = await (await getDb()).teamMember.findUnique({ where: { userId }, select: { team: { select: { cohortId: true } } } });
  return member?.team.cohortId ?? null;
}
