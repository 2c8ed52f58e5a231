import "server-only";
import type { Actor } from "@/lib/auth/session";
import { findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { STATUS_LABEL, unfinishedBefore, type StepStatus } from "@/lib/progress/compute";
import { appendAudit } from "@/lib/audit/append";
import { authorizeTeam } from "./access";
import { isUniqueViolation } from "./db-errors";

export type StepState = { status: StepStatus; updatedBy: string; updatedAt: Date };

export async function getTeamStepStates(actor: Actor, teamId: string): Promise<Map<string, StepState>> {
  await authorizeTeam(actor, "progress.read", teamId);
  const rows = await (await getDb()).stepProgress.findMany({
    where: { teamId },
    select: { stepId: true, status: true, updatedAt: true, updatedBy: { select: { name: true } } },
  });
  return new Map(rows.map((r) => [r.stepId, { status: r.status, updatedBy: r.updatedBy?.name ?? "Daybook", updatedAt: r.updatedAt }]));
}

export async function getStepHistory(actor: Actor, teamId: string, stepId: string): Promise<StepEventView[]> {
  await authorizeTeam(actor, "progress.read", teamId);
  // One join, not Prisma's include: that sends a second query for the names even when there is no history.
  const rows = await (await getDb()).$queryRaw<(Omit<StepEventView, "actor"> & { actorName: string | null })[]>`
    SELECT e."id", e."fromStatus"::text AS "fromStatus", e."toStatus"::text AS "toStatus", e."outOfOrder", e."at", u."name" AS "actorName"
    FROM "StepEvent" e LEFT JOIN "User" u ON u."id" = e."actorId"
    WHERE e."teamId" = ${teamId} AND e."stepId" = ${stepId}
    ORDER BY e."at" DESC, e."id" DESC
    LIMIT 20`;
  return rows.map(({ actorName, ...e }) => ({ ...e, at: new Date(e.at), actor: actorName === null ? null : { name: actorName } }));
}

export type StepEventView = { id: string; fromStatus: StepStatus; toStatus: StepStatus; outOfOrder: boolean; at: Date; actor: { name: string } | null };

export type SetStatusInput = {
  teamId: string;
  stepId: string;
  status: "NOT_STARTED" | "IN_PROGRESS" | "DONE_MANUAL";
  /** The status the user was looking at. If a teammate changed it since, the change is refused, not applied on top. */
  expected?: StepStatus;
};
export type SetStatusResult = { status: StepStatus; changed: boolean; skippedSteps: string[] };

/** Records the new status and who set it; doing a step before its predecessors is allowed and reported. */
export async function setStepStatus(actor: Actor, input: SetStatusInput): Promise<SetStatusResult> {
  await authorizeTeam(actor, "progress.write", input.teamId);
  const course = loadCourse();
  if (!findStep(course, input.stepId)) throw new AppError("NOT_FOUND", `There is no step ${input.stepId} in this course.`);
  const db = await getDb();
  const key = { teamId: input.teamId, stepId: input.stepId };

  try {
    return await db.$transaction(async (tx) => {
      const current = await tx.stepProgress.findUnique({ where: { teamId_stepId: key } });
      const from = current?.status ?? "NOT_STARTED";
      // Asking for the status the step already has (a double click, or a teammate who got there first) changes nothing.
      if (from === input.status) return { status: from, changed: false, skippedSteps: [] };
      if (input.expected !== undefined && input.expected !== from) throw await staleStatus(tx, input.teamId, input.stepId);

      const rows = await tx.stepProgress.findMany({ where: { teamId: input.teamId }, select: { stepId: true, status: true } });
      const skippedSteps = input.status === "NOT_STARTED" ? [] : unfinishedBefore(course, input.stepId, new Map(rows.map((r) => [r.stepId, r.status])));
      if (current) {
        // Conditional on the status just read: a concurrent writer makes this match no row instead of being overwritten.
        const { count } = await tx.stepProgress.updateMany({ where: { ...key, status: from }, data: { status: input.status, updatedById: actor.id } });
        if (count === 0) throw await staleStatus(tx, input.teamId, input.stepId);
      } else {
        await tx.stepProgress.create({ data: { ...key, status: input.status, updatedById: actor.id } });
      }
      await tx.stepEvent.create({ data: { ...key, actorId: actor.id, fromStatus: from, toStatus: input.status, outOfOrder: skippedSteps.length > 0 } });
      await appendAudit(tx, { type: "step.status", actorId: actor.id, teamId: input.teamId, subject: input.stepId, data: { from, to: input.status, outOfOrder: skippedSteps.length > 0 } });
      return { status: input.status, changed: true, skippedSteps };
    });
  } catch (error) {
    // Two first-ever writes raced to create the row; the loser is told what the winner set.
    if (isUniqueViolation(error)) throw await staleStatus(db, input.teamId, input.stepId);
    throw error;
  }
}

/** The status changed under the user's feet. Carries the current state so the page can show it. */
export class StatusConflictError extends AppError {
  constructor(readonly current: StepState) {
    super("CONFLICT", `${current.updatedBy} changed this step to ${STATUS_LABEL[current.status]} a moment ago, so your change was not applied. Pick again if you still want it.`);
  }
}

// Reads through the caller's client: inside a transaction, the embedded database has only that one connection.
async function staleStatus(db: Pick<Prisma.TransactionClient, "stepProgress">, teamId: string, stepId: string): Promise<StatusConflictError> {
  const row = await db.stepProgress.findUnique({
    where: { teamId_stepId: { teamId, stepId } },
    select: { status: true, updatedAt: true, updatedBy: { select: { name: true } } },
  });
  return new StatusConflictError(row ? { status: row.status, updatedBy: row.updatedBy?.name ?? "Daybook", updatedAt: row.updatedAt } : { status: "NOT_STARTED", updatedBy: "A teammate", updatedAt: new Date() });
}
