import "server-only";
import type { Actor } from "@/lib/auth/session";
import { findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { unfinishedBefore, type StepStatus } from "@/lib/progress/compute";
import { authorizeTeam } from "./access";

export type StepState = { status: StepStatus; updatedBy: string; updatedAt: Date };

export async function getTeamStepStates(actor: Actor, teamId: string): Promise<Map<string, StepState>> {
  await authorizeTeam(actor, "progress.read", teamId);
  const rows = await (await getDb()).stepProgress.findMany({
    where: { teamId },
    select: { stepId: true, status: true, updatedAt: true, updatedBy: { select: { name: true } } },
  });
  return new Map(rows.map((r) => [r.stepId, { status: r.status, updatedBy: r.updatedBy.name, updatedAt: r.updatedAt }]));
}

export async function getStepHistory(actor: Actor, teamId: string, stepId: string) {
  await authorizeTeam(actor, "progress.read", teamId);
  return (await getDb()).stepEvent.findMany({
    where: { teamId, stepId },
    orderBy: { at: "desc" },
    take: 20,
    select: { id: true, fromStatus: true, toStatus: true, outOfOrder: true, at: true, actor: { select: { name: true } } },
  });
}

export type SetStatusInput = { teamId: string; stepId: string; status: "NOT_STARTED" | "IN_PROGRESS" | "DONE_MANUAL" };
export type SetStatusResult = { status: StepStatus; changed: boolean; skippedSteps: string[] };

/** Records the new status and who set it; doing a step before its predecessors is allowed and reported. */
export async function setStepStatus(actor: Actor, input: SetStatusInput): Promise<SetStatusResult> {
  await authorizeTeam(actor, "progress.write", input.teamId);
  const course = loadCourse();
  if (!findStep(course, input.stepId)) throw new AppError("NOT_FOUND", `There is no step ${input.stepId} in this course.`);
  const db = await getDb();

  return db.$transaction(async (tx) => {
    const current = await tx.stepProgress.findUnique({ where: { teamId_stepId: { teamId: input.teamId, stepId: input.stepId } } });
    const from = current?.status ?? "NOT_STARTED";
    if (from === input.status) return { status: from, changed: false, skippedSteps: [] };

    const rows = await tx.stepProgress.findMany({ where: { teamId: input.teamId }, select: { stepId: true, status: true } });
    const skippedSteps = input.status === "NOT_STARTED" ? [] : unfinishedBefore(course, input.stepId, new Map(rows.map((r) => [r.stepId, r.status])));
    await tx.stepProgress.upsert({
      where: { teamId_stepId: { teamId: input.teamId, stepId: input.stepId } },
      create: { teamId: input.teamId, stepId: input.stepId, status: input.status, updatedById: actor.id },
      update: { status: input.status, updatedById: actor.id },
    });
    await tx.stepEvent.create({
      data: { teamId: input.teamId, stepId: input.stepId, actorId: actor.id, fromStatus: from, toStatus: input.status, outOfOrder: skippedSteps.length > 0 },
    });
    return { status: input.status, changed: true, skippedSteps };
  });
}
