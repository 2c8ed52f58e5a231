import "server-only";
import { getDb } from "@/lib/db/prisma";
import type { Prisma, RunKind, RunStatus } from "@/lib/generated/prisma/client";
import { isUniqueViolation } from "@/lib/data/db-errors";
import { appendAudit, audited } from "@/lib/audit/append";
import type { RunResults } from "./types";

export type StartedRun = { id: string; created: boolean };

const activeKeyOf = (teamId: string, stepId: string) => `${teamId}:${stepId}`;

/**
 * Opens a run unless one is already active for this team and step: a double click, or two teammates at
 * once, get the run that is already going instead of starting a second one.
 */
export async function openRun(input: { teamId: string; stepId: string; kind: RunKind; operationId?: string; startedById: string | null; clusterServer?: string; batchId?: string; results: RunResults }): Promise<StartedRun> {
  const db = await getDb();
  try {
    const run = await audited(db, (tx) => tx.run.create({
      data: { ...input, results: input.results as unknown as Prisma.InputJsonValue, activeKey: activeKeyOf(input.teamId, input.stepId) },
      select: { id: true },
    }), (r) => ({ type: "run.opened", actorId: input.startedById, teamId: input.teamId, subject: r.id, data: { stepId: input.stepId, kind: input.kind, operationId: input.operationId, batchId: input.batchId } }));
    return { id: run.id, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const active = await db.run.findUnique({ where: { activeKey: activeKeyOf(input.teamId, input.stepId) }, select: { id: true } });
    if (active) return { id: active.id, created: false };
    // It finished in between: try once more.
    return openRun(input);
  }
}

export async function saveProgress(runId: string, results: RunResults, summary: string): Promise<void> {
  await (await getDb()).run.update({ where: { id: runId }, data: { results: results as unknown as Prisma.InputJsonValue, summary } });
}

export async function closeRun(runId: string, outcome: { status: RunStatus; summary: string; results: RunResults; serverVersion?: string }): Promise<void> {
  const db = await getDb();
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { startedAt: true } });
  const finishedAt = new Date();
  await audited(db, (tx) => tx.run.update({
    where: { id: runId },
    data: { ...outcome, results: outcome.results as unknown as Prisma.InputJsonValue, finishedAt, durationMs: finishedAt.getTime() - run.startedAt.getTime(), activeKey: null },
    select: { teamId: true, stepId: true, kind: true, startedById: true, durationMs: true },
  }), (r) => ({ type: "run.closed", actorId: r.startedById, teamId: r.teamId, subject: runId, data: { stepId: r.stepId, kind: r.kind, status: outcome.status, durationMs: r.durationMs, summary: outcome.summary.slice(0, 500) } }));
}

/** At start-up: runs a previous server process left running can no longer finish. */
export async function interruptAbandonedRuns(): Promise<number> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const runs = await tx.run.findMany({ where: { status: "RUNNING" }, select: { id: true, teamId: true, stepId: true } });
    const { count } = await tx.run.updateMany({
      where: { id: { in: runs.map((r) => r.id) } },
      data: { status: "INTERRUPTED", activeKey: null, finishedAt: new Date(), summary: "Interrupted: the server restarted while this run was in progress." },
    });
    for (const r of runs) await appendAudit(tx, { type: "run.interrupted", teamId: r.teamId, subject: r.id, data: { stepId: r.stepId } });
    return count;
  });
}
