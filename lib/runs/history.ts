import "server-only";
import { getDb } from "@/lib/db/prisma";
import type { StepStatus } from "@/lib/progress/compute";
import type { RunResults } from "./types";

export type PriorObservations = { passedBefore: Set<string>; attested: Set<string>; status: StepStatus | undefined };

/** Runs started before an instructor last reset the step no longer count towards its verdict. */
export async function sinceLastReset(teamId: string, stepId: string): Promise<{ startedAt?: { gt: Date } }> {
  const reset = await (await getDb()).stepReset.findFirst({ where: { teamId, stepId }, orderBy: { at: "desc" }, select: { at: true } });
  return reset ? { startedAt: { gt: reset.at } } : {};
}

/** What earlier runs of this step established since its last reset: "once" checks seen passing, and manual checks attested. */
export async function priorObservations(teamId: string, stepId: string): Promise<PriorObservations> {
  const db = await getDb();
  const since = await sinceLastReset(teamId, stepId);
  const [runs, progress] = await Promise.all([
    db.run.findMany({ where: { teamId, stepId, kind: { in: ["VERIFY", "OPERATION", "ATTEST"] }, status: { not: "RUNNING" }, ...since }, select: { results: true }, orderBy: { startedAt: "asc" } }),
    db.stepProgress.findUnique({ where: { teamId_stepId: { teamId, stepId } }, select: { status: true } }),
  ]);
  const passedBefore = new Set<string>();
  const attested = new Set<string>();
  for (const { results } of runs) {
    const r = results as unknown as RunResults;
    if (r.type === "attest") for (const a of r.attestations) attested.add(a.checkId);
    if (r.type === "verify" || r.type === "operation") for (const c of r.checks ?? []) if (c.status === "pass") passedBefore.add(c.checkId);
  }
  return { passedBefore, attested, status: progress?.status };
}
