import "server-only";
import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors";
import { teamAccess } from "./relations";

export type PlanTeam = { id: string; name: string; cohort: string; canWrite: boolean; canReadNotes: boolean; viewingOther: boolean };

/**
 * Whose plan a page shows: a student always sees their own team; instructors and stakeholders pick
 * a team of their cohorts with ?team=, read-only.
 */
export async function resolvePlanTeam(actor: Actor, requestedTeamId?: string): Promise<PlanTeam | null> {
  const teamId = actor.role === "STUDENT" ? actor.teamId : requestedTeamId;
  if (!teamId) return null;
  const { relations, team } = await teamAccess(actor, teamId);
  if (!team || !can(actor.role, "progress.read", relations)) throw new AppError("FORBIDDEN", "You can only see teams of your own cohorts.");
  return {
    id: teamId,
    name: team.name,
    cohort: team.cohort,
    canWrite: can(actor.role, "progress.write", relations),
    canReadNotes: can(actor.role, "note.read", relations),
    viewingOther: actor.role !== "STUDENT",
  };
}
