import "server-only";
import type { Actor } from "@/lib/auth/session";
import { can, ForbiddenError } from "@/lib/authz/permissions";
import { findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { StepStatus } from "@/lib/progress/compute";
import { relationColumns, teamRelations, type RelationColumns } from "./relations";

/** What a teammate can change on a step page, as the background refresh sends it (dates as ISO strings). */
export type StepLiveState = {
  status: StepStatus;
  /** Who set the status and when; null while nobody has. */
  changed: { by: string; at: string } | null;
  /** The note's blocked flag and version; only for those who may read notes. */
  note: { version: number; blocked: boolean; blockedReason: string | null } | null;
};

type Row = RelationColumns & { status: StepStatus | null; updatedAt: Date | null; updatedBy: string | null; version: number | null; blocked: boolean | null; blockedReason: string | null };

/**
 * One team's state for one step, in one query with the actor's relations to the team (polled every 5 s by
 * every open step page, so it stays one round trip besides the session's). Nothing is returned unless the
 * permission table allows it.
 */
export async function getStepLiveState(actor: Actor, teamId: string, stepId: string): Promise<StepLiveState> {
  if (!findStep(loadCourse(), stepId)) throw new AppError("NOT_FOUND", `There is no step ${stepId} in this course.`);
  const [row] = await (await getDb()).$queryRaw<Row[]>`
    SELECT ${relationColumns(actor)},
           p."status"::text AS "status", p."updatedAt", pu."name" AS "updatedBy",
           n."version", n."blocked", n."blockedReason"
    FROM "Team" t JOIN "Cohort" c ON c."id" = t."cohortId"
    LEFT JOIN "StepProgress" p ON p."teamId" = t."id" AND p."stepId" = ${stepId}
    LEFT JOIN "User" pu ON pu."id" = p."updatedById"
    LEFT JOIN "StepNote" n ON n."teamId" = t."id" AND n."stepId" = ${stepId}
    WHERE t."id" = ${teamId}`;
  // A team that does not exist is refused like another cohort's, so its existence is not revealed either.
  const relations = row ? teamRelations(actor, teamId, row) : [];
  if (!row || !can(actor.role, "progress.read", relations)) throw new ForbiddenError("progress.read");
  return {
    status: row.status ?? "NOT_STARTED",
    changed: row.status && row.updatedAt ? { by: row.updatedBy ?? "Daybook", at: new Date(row.updatedAt).toISOString() } : null,
    note: can(actor.role, "note.read", relations) ? { version: row.version ?? 0, blocked: row.blocked ?? false, blockedReason: row.blocked ? (row.blockedReason ?? null) : null } : null,
  };
}
