import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import { findStep, loadCourse } from "@/lib/course/load";
import { formatWhen } from "@/lib/utils";

/**
 * A step regressed: if the team's current sign-off round has signatures, they approved evidence that
 * no longer holds. The round is marked stale (once) and every signer gets an in-app notice. Runs in
 * the transaction that records the regression.
 */
export async function markSignoffsStale(tx: Prisma.TransactionClient, input: { teamId: string; stepId: string; runId: string }): Promise<void> {
  const round = await tx.signoffRound.findFirst({
    where: { teamId: input.teamId },
    orderBy: { round: "desc" },
    select: { round: true, staleAt: true, signoffs: { select: { signerId: true } }, team: { select: { name: true } } },
  });
  if (!round || round.staleAt || round.signoffs.length === 0) return;
  const step = findStep(loadCourse(), input.stepId);
  const now = new Date();
  const staleReason = `Step ${step?.number ?? input.stepId} (${step?.title ?? "unknown step"}) regressed on ${formatWhen(now)}`;
  await tx.signoffRound.update({ where: { teamId_round: { teamId: input.teamId, round: round.round } }, data: { staleAt: now, staleReason } });
  await tx.signoffNotice.createMany({
    data: [...new Set(round.signoffs.map((s) => s.signerId))].map((userId) => ({ userId, teamId: input.teamId, message: `${round.team.name}'s sign-off is stale: ${staleReason}. It approved evidence that no longer holds.` })),
  });
  await appendAudit(tx, { type: "signoff.stale", teamId: input.teamId, subject: input.stepId, data: { round: round.round, runId: input.runId, reason: staleReason } });
}
