import "server-only";
import type { Actor } from "@/lib/auth/session";
import { PERMISSIONS, type Action, type Relation } from "@/lib/authz/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

// Matches no row: what a role without any grant for the action gets.
const NOTHING = { id: { in: [] as string[] } };

function grants(actor: Actor, action: Action): readonly Relation[] {
  return (PERMISSIONS[action] as Partial<Record<Actor["role"], readonly Relation[]>>)[actor.role] ?? [];
}

// The cohort's own instructor, or one invited to teach it with them.
const instructorOf = (actor: Actor): Prisma.CohortWhereInput => ({ OR: [{ instructorId: actor.id }, { coInstructors: { some: { userId: actor.id } } }] });

/**
 * The teams `action` is allowed on for this actor, as a Prisma filter built from the permission table.
 * Queries put it in their `where`, so a forgotten check finds nothing instead of another team's data.
 */
export function teamScope(actor: Actor, action: Action): Prisma.TeamWhereInput {
  const relations = grants(actor, action);
  if (relations.includes("anyone")) return {};
  const or: Prisma.TeamWhereInput[] = relations.map((relation) => {
    if (relation === "teamMember") return { members: { some: { userId: actor.id } } };
    if (relation === "cohortInstructor") return { cohort: instructorOf(actor) };
    return { cohort: { stakeholders: { some: { userId: actor.id } } } };
  });
  return or.length ? { OR: or } : NOTHING;
}

/** The cohorts `action` is allowed on for this actor (see teamScope). */
export function cohortScope(actor: Actor, action: Action): Prisma.CohortWhereInput {
  const relations = grants(actor, action);
  if (relations.includes("anyone")) return {};
  const or: Prisma.CohortWhereInput[] = relations.map((relation) => {
    if (relation === "teamMember") return { teams: { some: { members: { some: { userId: actor.id } } } } };
    if (relation === "cohortInstructor") return instructorOf(actor);
    return { stakeholders: { some: { userId: actor.id } } };
  });
  return or.length ? { OR: or } : NOTHING;
}
