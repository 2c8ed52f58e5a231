import "server-only";
import { getDb } from "@/lib/db/prisma";
import { appendAudit } from "@/lib/audit/append";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StepStatus } from "@/lib/progress/compute";
import { markSignoffsStale } from "@/lib/signoff/stale";

type Tx = Prisma.TransactionClient;

async function record(tx: Tx, teamId: string, stepId: string, status: StepStatus, runId: string, actorId: string | null) {
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
}

/**
 * Records the status a run established, with the run as its evidence; unchanged statuses add no event.
 * Inside `tx` when given (the transaction that closes the run), so a verdict exists only with its run.
 */
export async function recordRunVerdict(teamId: string, stepId: string, status: StepStatus, runId: string, actorId: string | null, tx?: Tx): Promise<{ from: StepStatus; to: StepStatus }> {
  if (tx) return record(tx, teamId, stepId, status, runId, actorId);
  return (await getDb()).$transaction((t) => record(t, teamId, stepId, status, runId, actorId));
}
