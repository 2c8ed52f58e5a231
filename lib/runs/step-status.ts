import "server-only";
import { getDb } from "@/lib/db/prisma";
import { appendAudit } from "@/lib/audit/append";
import type { StepStatus } from "@/lib/progress/compute";
import { markSignoffsStale } from "@/lib/signoff/stale";

/** Records the status a run established, with the run as its evidence; unchanged statuses add no event. */
export async function recordRunVerdict(teamId: string, stepId: string, status: StepStatus, runId: string, actorId: string | null): Promise<{ from: StepStatus; to: StepStatus }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const current = await tx.stepProgress.findUnique({ where: { teamId_stepId: { teamId, stepId } }, select: { status: true } });
    const from = current?.status ?? "NOT_STARTED";
    await tx.stepProgress.upsert({
      where: { teamId_stepId: { teamId, stepId } },
      create: { teamId, stepId, status, runId, updatedById: actorId },
      update: { status, runId, updatedById: actorId },
    });
    if (from !== status) await tx.stepEvent.create({ data: { teamId, stepId, actorId, fromStatus: from, toStatus: status, runId } });
    if (status === "REGRESSED" && from !== status) await markSignoffsStale(tx, { teamId, stepId, runId });
    if (from !== status) await appendAudit(tx, { type: "step.status", actorId, teamId, subject: stepId, data: { from, to: status, runId } });
    return { from, to: status };
  });
}
