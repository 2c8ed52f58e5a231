import "server-only";
import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/prisma";
import { authorizeTeam } from "./access";
import type { StepState } from "./progress";
import { relationsToTeam } from "./relations";

export type TeamPlanState = { states: Map<string, StepState>; blocked: Set<string> };

/**
 * A team's step states and blocked steps in one indexed query (StepProgress and StepNote are keyed by
 * team). Blocked flags come with notes, so only those who may read notes see them.
 */
export async function getTeamPlanState(actor: Actor, teamId: string): Promise<TeamPlanState> {
  await authorizeTeam(actor, "progress.read", teamId);
  const seesNotes = can(actor.role, "note.read", await relationsToTeam(actor, teamId));
  const team = await (await getDb()).team.findUnique({
    where: { id: teamId },
    select: {
      progress: { select: { stepId: true, status: true, updatedAt: true, updatedBy: { select: { name: true } } } },
      notes: { where: { blocked: true }, select: { stepId: true } },
    },
  });
  return {
    states: new Map((team?.progress ?? []).map((r) => [r.stepId, { status: r.status, updatedBy: r.updatedBy.name, updatedAt: r.updatedAt }])),
    blocked: new Set(seesNotes ? (team?.notes ?? []).map((n) => n.stepId) : []),
  };
}
