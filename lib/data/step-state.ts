import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan, can } from "@/lib/authz/permissions";
import { findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { StepStatus } from "@/lib/progress/compute";
import { relationsToTeam } from "./relations";

/** What a teammate can change on a step page, as the background refresh sends it (dates as ISO strings). */
export type StepLiveState = {
  status: StepStatus;
  /** Who set the status and when; null while nobody has. */
  changed: { by: string; at: string } | null;
  /** The note's blocked flag and version; only for those who may read notes. */
  note: { version: number; blocked: boolean; blockedReason: string | null } | null;
};

type Row = { status: StepStatus | null; updatedAt: Date | null; updatedBy: string | null; version: number | null; blocked: boolean | null; blockedReason: string | null };

/** One team's state for one step: one query for the actor's relations (authorization) and one for the state. */
export async function getStepLiveState(actor: Actor, teamId: string, stepId: string): Promise<StepLiveState> {
  const relations = await relationsToTeam(actor, teamId);
  assertCan(actor.role, "progress.read", relations);
  if (!findStep(loadCourse(), stepId)) throw new AppError("NOT_FOUND", `There is no step ${stepId} in this course.`);
  const [row] = await (await getDb()).$queryRaw<Row[]>`
    SELECT p."status"::text AS "status", p."updatedAt", pu."name" AS "updatedBy",
           n."version", n."blocked", n."blockedReason"
    FROM (SELECT 1) AS one
    LEFT JOIN "StepProgress" p ON p."teamId" = ${teamId} AND p."stepId" = ${stepId}
    LEFT JOIN "User" pu ON pu."id" = p."updatedById"
    LEFT JOIN "StepNote" n ON n."teamId" = ${teamId} AND n."stepId" = ${stepId}`;
  const seesNotes = can(actor.role, "note.read", relations);
  return {
    status: row?.status ?? "NOT_STARTED",
    changed: row?.status && row.updatedAt ? { by: row.updatedBy ?? "Daybook", at: new Date(row.updatedAt).toISOString() } : null,
    note: seesNotes ? { version: row?.version ?? 0, blocked: row?.blocked ?? false, blockedReason: row?.blocked ? (row.blockedReason ?? null) : null } : null,
  };
}
