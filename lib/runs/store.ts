import "server-only";
import { getDb } from "@/lib/db/prisma";
import type { Prisma, RunKind, RunStatus } from "@/lib/generated/prisma/client";
import { isUniqueViolation } from "@/lib/data/db-errors";
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
    const run = await db.run.create({
      data: { ...input, results: input.results as unknown as Prisma.InputJsonValue, activeKey: activeKeyOf(input.teamId, input.stepId) },
      select: { id: true },
    });
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
  await db.run.update({
    where: { id: runId },
    data: { ...outcome, results: outcome.results as unknown as Prisma.InputJsonValue, finishedAt, durationMs: finishedAt.getTime() - run.startedAt.getTime(), activeKey: null },
  });
}

/** At start-up: runs a previous server process left running can no longer finish. */
export async function interruptAbandonedRuns(): Promise<number> {
  const { count } = await (await getDb()).run.updateMany({
    where: { status: "RUNNING" },
    data: { status: "INTERRUPTED", activeKey: null, finishedAt: new Date(), summary: "Interrupted: the server restarted while this run was in progress." },
  });
  return count;
}
