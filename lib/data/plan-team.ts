import "server-only";
import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors";
import { teamAccess } from "./relations";

export type PlanTeam = { id: string; name: string; cohort: string; canWrite: boolean; canReadNotes: boolean; canSeeRuns: boolean; canSeeCluster: boolean; canConnectCluster: boolean; canVerify: boolean; viewingOther: boolean };

/**
 * Whose plan a page shows: the actor's own team, unless the permission table lets them choose one
 * with ?team= (read-only, and only teams they may read).
 */
export async function resolvePlanTeam(actor: Actor, requestedTeamId?: string): Promise<PlanTeam | null> {
  const teamId = can(actor.role, "plan.chooseTeam") && requestedTeamId ? requestedTeamId : actor.teamId;
  if (!teamId) return null;
  const { relations, team } = await teamAccess(actor, teamId);
  if (!team || !can(actor.role, "progress.read", relations)) throw new AppError("FORBIDDEN", "You can only see teams of your own cohorts.");
  return {
    id: teamId,
    name: team.name,
    cohort: team.cohort,
    canWrite: can(actor.role, "progress.write", relations),
    canReadNotes: can(actor.role, "note.read", relations),
    canSeeRuns: can(actor.role, "run.read", relations),
    canSeeCluster: can(actor.role, "cluster.read", relations),
    canConnectCluster: can(actor.role, "cluster.connect", relations),
    canVerify: can(actor.role, "run.verify", relations),
    viewingOther: teamId !== actor.teamId,
  };
}
