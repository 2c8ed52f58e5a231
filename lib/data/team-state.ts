import "server-only";
import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/prisma";
import { authorizeTeam } from "./access";
import type { StepStatus } from "@/lib/progress/compute";
import type { StepState } from "./progress";

export type TeamPlanState = { states: Map<string, StepState>; blocked: Set<string> };

/**
 * A team's step states and blocked steps in one query. Blocked flags come with notes, so only those
 * who may read notes see them.
 */
export async function getTeamPlanState(actor: Actor, teamId: string): Promise<TeamPlanState> {
  const seesNotes = can(actor.role, "note.read", await authorizeTeam(actor, "progress.read", teamId));
  // One round trip over the (teamId, stepId) keys of StepProgress and StepNote. A status nobody set by hand (a
  // run that no person started) is Daybook's.
  const rows = await (await getDb()).$queryRaw<{ stepId: string; status: StepStatus | null; updatedAt: Date | null; updatedBy: string | null }[]>`
    SELECT p."stepId", p."status"::text AS "status", p."updatedAt", COALESCE(u."name", 'Daybook') AS "updatedBy"
    FROM "StepProgress" p LEFT JOIN "User" u ON u."id" = p."updatedById"
    WHERE p."teamId" = ${teamId}
    UNION ALL
    SELECT n."stepId", NULL, NULL, NULL FROM "StepNote" n WHERE n."teamId" = ${teamId} AND n."blocked"`;
  const states = new Map<string, StepState>();
  const blocked = new Set<string>();
  for (const row of rows) {
    if (row.status) states.set(row.stepId, { status: row.status, updatedBy: row.updatedBy!, updatedAt: new Date(row.updatedAt!) });
    else if (seesNotes) blocked.add(row.stepId);
  }
  return { states, blocked };
}
