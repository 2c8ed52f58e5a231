import "server-only";
import { findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import type { StepStatus } from "@/lib/progress/compute";

export type PriorObservations = { passedBefore: Set<string>; attested: Set<string>; status: StepStatus | undefined };

/** Runs started before an instructor last reset the step no longer count towards its verdict. */
export async function sinceLastReset(teamId: string, stepId: string): Promise<{ startedAt?: { gt: Date } }> {
  const reset = await (await getDb()).stepReset.findFirst({ where: { teamId, stepId }, orderBy: { at: "desc" }, select: { at: true } });
  return reset ? { startedAt: { gt: reset.at } } : {};
}

type Observed = { kind: "pass" | "attest"; checkId: string };

/**
 * What earlier runs of this step established since its last reset: "once" checks seen passing, and manual
 * checks attested. Only those two count later (lib/runs/verdict.ts), so a step with neither reads no runs,
 * and the database picks the check ids out of the results: a step re-verified daily has hundreds of them.
 */
export async function priorObservations(teamId: string, stepId: string): Promise<PriorObservations> {
  const db = await getDb();
  const checks = findStep(loadCourse(), stepId)?.checks ?? [];
  const once = new Set(checks.filter((c) => c.observe === "once").map((c) => c.id));
  const manual = new Set(checks.filter((c) => c.kind === "manual").map((c) => c.id));
  const [observed, progress] = await Promise.all([
    once.size + manual.size === 0
      ? Promise.resolve([] as Observed[])
      : db.$queryRaw<Observed[]>`
          WITH since AS (SELECT COALESCE(MAX("at"), '-infinity'::timestamptz) AS "at" FROM "StepReset" WHERE "teamId" = ${teamId} AND "stepId" = ${stepId}),
          runs AS (
            SELECT r."results" FROM "Run" r, since
            WHERE r."teamId" = ${teamId} AND r."stepId" = ${stepId} AND r."kind" IN ('VERIFY', 'OPERATION', 'ATTEST') AND r."status" <> 'RUNNING' AND r."startedAt" > since."at"
          )
          SELECT DISTINCT 'pass' AS "kind", c->>'checkId' AS "checkId"
          FROM runs, jsonb_array_elements(CASE WHEN jsonb_typeof(runs."results"->'checks') = 'array' THEN runs."results"->'checks' ELSE '[]'::jsonb END) c
          WHERE runs."results"->>'type' IN ('verify', 'operation') AND c->>'status' = 'pass'
          UNION
          SELECT DISTINCT 'attest', a->>'checkId'
          FROM runs, jsonb_array_elements(CASE WHEN jsonb_typeof(runs."results"->'attestations') = 'array' THEN runs."results"->'attestations' ELSE '[]'::jsonb END) a
          WHERE runs."results"->>'type' = 'attest'`,
    db.stepProgress.findUnique({ where: { teamId_stepId: { teamId, stepId } }, select: { status: true } }),
  ]);
  const passedBefore = new Set(observed.filter((o) => o.kind === "pass" && once.has(o.checkId)).map((o) => o.checkId));
  const attested = new Set(observed.filter((o) => o.kind === "attest" && manual.has(o.checkId)).map((o) => o.checkId));
  return { passedBefore, attested, status: progress?.status };
}
