import type { Prisma } from "@/lib/generated/prisma/client";
import type { Course, Step } from "@/lib/course/schema";
import type { AttestResults } from "@/lib/runs/types";
import { buildEvidence, type Evidence, type PassingRunRow } from "./evidence";
import type { FinalValidation } from "./chain";

type Db = Prisma.TransactionClient;

/** The evidence of a team as it stands now, read through the given client (a transaction when signing). */
export async function readEvidence(db: Db, course: Course, teamId: string): Promise<Evidence> {
  const [progress, passing, attests] = await Promise.all([
    db.stepProgress.findMany({ where: { teamId }, select: { stepId: true, status: true } }),
    // The latest passing verification per step.
    db.$queryRaw<PassingRunRow[]>`
      SELECT DISTINCT ON ("stepId") "id", "stepId", "status"::text AS "status", "finishedAt", COALESCE("results"->'checks', '[]'::jsonb) AS "checks"
      FROM "Run"
      WHERE "teamId" = ${teamId} AND "kind" = 'VERIFY' AND "finishedAt" IS NOT NULL
        AND "status" = 'PASSED'
      ORDER BY "stepId", "finishedAt" DESC, "id" DESC`,
    db.run.findMany({ where: { teamId, kind: "ATTEST", status: "PASSED" }, orderBy: [{ startedAt: "asc" }, { id: "asc" }], select: { id: true, stepId: true, startedById: true, startedAt: true, results: true } }),
  ]);
  return buildEvidence(course, {
    teamId,
    statuses: new Map(progress.map((p) => [p.stepId, p.status])),
    passing: passing.map((r) => ({ ...r, finishedAt: new Date(r.finishedAt) })),
    attests: attests.map((a) => ({ ...a, attestations: (a.results as unknown as AttestResults).attestations ?? [] })),
  });
}

/** Step 20.1's latest conclusive verification (a run that could not reach the cluster says nothing). */
export async function readFinalValidation(db: Db, teamId: string, step: Step): Promise<FinalValidation> {
  const run = await db.run.findFirst({
    where: { teamId, stepId: step.id, kind: "VERIFY", status: { in: ["PASSED", "FAILED", "RUNNING"] } },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: { id: true, status: true, startedAt: true, finishedAt: true, summary: true, results: true },
  });
  if (!run) return { state: "never" };
  if (run.status === "RUNNING") return { state: "running", at: run.startedAt };
  const at = run.finishedAt ?? run.startedAt;
  if (run.status === "PASSED") return { state: "passed", at, runId: run.id };
  return { state: "failed", at, summary: run.summary };
}
