import "server-only";
import { appendAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/auth/session";
import { findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { StepStatus } from "@/lib/progress/compute";
import { authorizeTeam } from "./access";
import { teamScope } from "./scope";

export type ResetStepInput = { teamId: string; stepId: string; reason: string };

/**
 * An instructor sets a team's step back to not started. Nothing is deleted: the status change is an
 * event like any other, the reset is recorded with its reason, and runs before it stop counting
 * towards the step's verdict (its "once" observations and attestations must be made again).
 */
export async function resetStep(actor: Actor, input: ResetStepInput): Promise<{ from: StepStatus }> {
  await authorizeTeam(actor, "step.reset", input.teamId);
  const step = findStep(loadCourse(), input.stepId);
  if (!step) throw new AppError("NOT_FOUND", `There is no step ${input.stepId} in this course.`);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const team = await tx.team.findFirst({ where: { id: input.teamId, ...teamScope(actor, "step.reset") }, select: { id: true } });
    if (!team) throw new AppError("NOT_FOUND", "That team does not exist.");
    if (await tx.run.findFirst({ where: { teamId: input.teamId, stepId: step.id, status: "RUNNING" }, select: { id: true } })) {
      throw new AppError("CONFLICT", `A run of Step ${step.number} is in progress. Wait for it or cancel it, then reset the step.`);
    }
    const current = await tx.stepProgress.findUnique({ where: { teamId_stepId: { teamId: input.teamId, stepId: step.id } }, select: { status: true } });
    const from = current?.status ?? "NOT_STARTED";
    if (from === "NOT_STARTED") throw new AppError("CONFLICT", `Step ${step.number} is not started; there is nothing to reset.`);
    // Conditional on the status just read, so a verdict landing in between is not silently overwritten.
    const { count } = await tx.stepProgress.updateMany({ where: { teamId: input.teamId, stepId: step.id, status: from }, data: { status: "NOT_STARTED", runId: null, updatedById: actor.id } });
    if (count === 0) throw new AppError("CONFLICT", `Step ${step.number} changed a moment ago. Look again before resetting it.`);
    await tx.stepEvent.create({ data: { teamId: input.teamId, stepId: step.id, actorId: actor.id, fromStatus: from, toStatus: "NOT_STARTED" } });
    await tx.stepReset.create({ data: { teamId: input.teamId, stepId: step.id, byId: actor.id, reason: input.reason, fromStatus: from } });
    await appendAudit(tx, { type: "step.reset", actorId: actor.id, teamId: input.teamId, subject: step.id, data: { from, reason: input.reason } });
    return { from };
  });
}
