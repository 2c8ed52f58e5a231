import "server-only";
import { getDb } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StepStatus } from "@/lib/progress/compute";

/** Which part of the engine panel a run row is for: the recent list, the latest of a kind, or an attestation. */
export type EngineRunPart = "recent" | "verify" | "preview" | "apply" | "attest";

export type EngineRunRow = {
  part: EngineRunPart;
  /** The row's place within its part (1 first), as that part is ordered. */
  rank: number;
  id: string;
  kind: string;
  operationId: string | null;
  status: string;
  summary: string;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  startedBy: string | null;
  /** Only for the latest of a kind and attestations; the recent list does not need it. */
  results: unknown;
};

const RECENT_RUNS = 12;

/** One part: the step's runs matching `where`, in `order`, each with its starter's name (the index on teamId, stepId, startedAt). */
function runPart(part: EngineRunPart, teamId: string, stepId: string, where: Prisma.Sql, order: "ASC" | "DESC", limit: number | null, withResults: boolean) {
  const direction = Prisma.raw(order);
  return Prisma.sql`(SELECT ${part}::text AS "part", (row_number() OVER (ORDER BY r."startedAt" ${direction}))::int AS "rank",
      r."id", r."kind"::text AS "kind", r."operationId", r."status"::text AS "status", r."summary", r."startedAt", r."finishedAt", r."durationMs",
      u."name" AS "startedBy", ${withResults ? Prisma.sql`r."results"` : Prisma.sql`NULL::jsonb`} AS "results"
    FROM "Run" r LEFT JOIN "User" u ON u."id" = r."startedById"
    WHERE r."teamId" = ${teamId} AND r."stepId" = ${stepId} AND ${where}
    ORDER BY r."startedAt" ${direction}${limit === null ? Prisma.empty : Prisma.sql` LIMIT ${limit}`})`;
}

/**
 * Every run the step page's engine panel shows, in one query: the recent runs, the latest verification (or
 * finished performance test), preview and apply with their results, and every attestation.
 */
export async function readEngineRuns(teamId: string, stepId: string): Promise<EngineRunRow[]> {
  const always = Prisma.sql`TRUE`;
  const rows = await (await getDb()).$queryRaw<EngineRunRow[]>`
    ${runPart("recent", teamId, stepId, always, "DESC", RECENT_RUNS, false)}
    UNION ALL ${runPart("verify", teamId, stepId, Prisma.sql`(r."kind" = 'VERIFY' OR (r."kind" = 'LOAD' AND r."status" IN ('PASSED', 'FAILED', 'ERROR')))`, "DESC", 1, true)}
    UNION ALL ${runPart("preview", teamId, stepId, Prisma.sql`r."kind" = 'PREVIEW'`, "DESC", 1, true)}
    UNION ALL ${runPart("apply", teamId, stepId, Prisma.sql`r."kind" = 'APPLY'`, "DESC", 1, true)}
    UNION ALL ${runPart("attest", teamId, stepId, Prisma.sql`r."kind" = 'ATTEST'`, "ASC", null, true)}`;
  // UNION ALL promises no order: each part is put back in its own.
  return rows.map((r) => ({ ...r, rank: Number(r.rank), startedAt: new Date(r.startedAt), finishedAt: r.finishedAt === null ? null : new Date(r.finishedAt) })).sort((a, b) => a.rank - b.rank);
}

export type TeamGateState = {
  cluster: { server: string; namespace: string } | null;
  statuses: Map<string, StepStatus>;
  overrides: Set<string>;
};

/** A team's cluster, every step status and every gate override, in one query (what the gates and the engine panel read). */
export async function readTeamGateState(teamId: string): Promise<TeamGateState> {
  const [row] = await (await getDb()).$queryRaw<{ cluster: { server: string; namespace: string } | null; progress: [string, StepStatus][]; overrides: string[] }[]>`
    SELECT (SELECT jsonb_build_object('server', tc."server", 'namespace', tc."namespace") FROM "TeamCluster" tc WHERE tc."teamId" = ${teamId}) AS "cluster",
           COALESCE((SELECT jsonb_agg(jsonb_build_array(p."stepId", p."status")) FROM "StepProgress" p WHERE p."teamId" = ${teamId}), '[]'::jsonb) AS "progress",
           COALESCE((SELECT jsonb_agg(o."stepId") FROM "GateOverride" o WHERE o."teamId" = ${teamId}), '[]'::jsonb) AS "overrides"`;
  return { cluster: row?.cluster ?? null, statuses: new Map(row?.progress ?? []), overrides: new Set(row?.overrides ?? []) };
}
