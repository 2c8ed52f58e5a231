import "server-only";
import { getDb } from "@/lib/db/prisma";
import type { StepStatus } from "@/lib/progress/compute";

/** The latest of a kind the engine panel shows with its results, or an attestation (all of them, with results). */
export type EngineRunClass = "verify" | "preview" | "apply" | "attest";

export type EngineRunRow = {
  /** Its place among the step's runs, newest first (1 is the newest). */
  recent: number;
  /** Its place among the runs of its class, newest first; class null: none the panel shows apart from the recent list. */
  class: EngineRunClass | null;
  latest: number;
  id: string;
  kind: string;
  operationId: string | null;
  status: string;
  summary: string;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  startedBy: string | null;
  /** Only for the latest of a class and attestations. */
  results: unknown;
};

export const RECENT_RUNS = 12;

/**
 * Every run the step page's engine panel shows, in one query and one index scan of the step's runs: the 12
 * most recent, the latest verification (or finished performance test), preview and apply with their results,
 * and every attestation. One plain SELECT rather than a UNION per part: PostgreSQL plans each raw query
 * afresh, and five branches cost more to plan than to run.
 */
export async function readEngineRuns(teamId: string, stepId: string): Promise<EngineRunRow[]> {
  const rows = await (await getDb()).$queryRaw<EngineRunRow[]>`
    SELECT w."recent", w."class", w."latest", w."id", w."kind", w."operationId", w."status", w."summary", w."startedAt", w."finishedAt", w."durationMs",
           u."name" AS "startedBy", CASE WHEN w."class" = 'attest' OR w."latest" = 1 THEN w."results" END AS "results"
    FROM (
      SELECT c.*, (row_number() OVER (ORDER BY c."startedAt" DESC))::int AS "recent", (row_number() OVER (PARTITION BY c."class" ORDER BY c."startedAt" DESC))::int AS "latest"
      FROM (
        SELECT r."id", r."kind"::text AS "kind", r."operationId", r."status"::text AS "status", r."summary", r."startedAt", r."finishedAt", r."durationMs", r."startedById", r."results",
               CASE WHEN r."kind" = 'VERIFY' OR (r."kind" = 'LOAD' AND r."status" IN ('PASSED', 'FAILED', 'ERROR')) THEN 'verify'
                    WHEN r."kind" = 'PREVIEW' THEN 'preview' WHEN r."kind" = 'APPLY' THEN 'apply' WHEN r."kind" = 'ATTEST' THEN 'attest' END AS "class"
        FROM "Run" r WHERE r."teamId" = ${teamId} AND r."stepId" = ${stepId}
      ) c
    ) w LEFT JOIN "User" u ON u."id" = w."startedById"
    WHERE w."recent" <= ${RECENT_RUNS} OR w."class" = 'attest' OR (w."class" IS NOT NULL AND w."latest" = 1)
    ORDER BY w."recent"`;
  return rows.map((r) => ({ ...r, startedAt: new Date(r.startedAt), finishedAt: r.finishedAt === null ? null : new Date(r.finishedAt) }));
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
