import "server-only";
import type { Actor } from "@/lib/auth/session";
import { allSteps, loadCourse } from "@/lib/course/load";
import { authorizeCohort } from "@/lib/data/access";
import { teamScope } from "@/lib/data/scope";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { StepVerdict } from "@/lib/runs/verdict";
import { toCsv } from "./csv";

export type ProgressRow = {
  team: string;
  day: number;
  step: string;
  stepId: string;
  title: string;
  status: string;
  attempts: number;
  firstVerifiedAt: string | null;
  overridden: boolean;
  overrideBy: string | null;
  overrideReason: string | null;
  checksPassed: number;
  checks: number;
  /** checksPassed / checks, as a decimal (0.6667). */
  score: number;
};

export type CohortProgressExport = { format: "daybook-cohort-progress/1"; cohort: { id: string; name: string }; exportedAt: string; rows: ProgressRow[] };

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Per team and step: the status, the verification attempts, when it was first verified or attested,
 * any gate override, and the partial score (checks met / checks) of its latest verification, counting
 * attested checks. A fixed number of queries whatever the cohort's size.
 */
export async function exportCohortProgress(actor: Actor, cohortId: string): Promise<CohortProgressExport> {
  await authorizeCohort(actor, "progress.export", cohortId);
  const db = await getDb();
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { id: true, name: true } });
  if (!cohort) throw new AppError("NOT_FOUND", "That cohort does not exist.");
  const teams = await db.team.findMany({ where: { cohortId, ...teamScope(actor, "progress.export") }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  const teamIds = teams.map((t) => t.id);
  const [progress, attempts, firstProven, overrides, latest, attests] = await Promise.all([
    db.stepProgress.findMany({ where: { teamId: { in: teamIds } }, select: { teamId: true, stepId: true, status: true } }),
    db.run.groupBy({ by: ["teamId", "stepId"], where: { teamId: { in: teamIds }, kind: "VERIFY", status: { not: "RUNNING" } }, _count: { _all: true } }),
    db.stepEvent.groupBy({ by: ["teamId", "stepId"], where: { teamId: { in: teamIds }, toStatus: { in: ["VERIFIED", "ATTESTED"] } }, _min: { at: true } }),
    db.gateOverride.findMany({ where: { teamId: { in: teamIds } }, select: { teamId: true, stepId: true, reason: true, at: true, by: { select: { name: true } } } }),
    teamIds.length
      ? db.$queryRaw<{ teamId: string; stepId: string; verdict: StepVerdict | null; passing: number }[]>`
          SELECT DISTINCT ON ("teamId", "stepId") "teamId", "stepId", "results"->'verdict' AS "verdict",
                 (SELECT count(*)::int FROM jsonb_array_elements(COALESCE("results"->'checks', '[]'::jsonb)) c WHERE c->>'status' = 'pass') AS "passing"
          FROM "Run" WHERE "teamId" = ANY(${teamIds}) AND "kind" = 'VERIFY' AND "status" <> 'RUNNING'
          ORDER BY "teamId", "stepId", "startedAt" DESC`
      : Promise.resolve([]),
    db.run.findMany({ where: { teamId: { in: teamIds }, kind: "ATTEST", status: "PASSED" }, select: { teamId: true, stepId: true, results: true } }),
  ]);
  const key = (teamId: string, stepId: string) => `${teamId}:${stepId}`;
  const status = new Map(progress.map((p) => [key(p.teamId, p.stepId), p.status]));
  const attemptCount = new Map(attempts.map((a) => [key(a.teamId, a.stepId), a._count._all]));
  const proven = new Map(firstProven.map((f) => [key(f.teamId, f.stepId), f._min.at]));
  const override = new Map(overrides.map((o) => [key(o.teamId, o.stepId), o]));
  const latestRun = new Map(latest.map((l) => [key(l.teamId, l.stepId), l]));
  const attested = new Map<string, Set<string>>();
  for (const a of attests) {
    const set = attested.get(key(a.teamId, a.stepId)) ?? new Set<string>();
    for (const x of (a.results as { attestations?: { checkId: string }[] }).attestations ?? []) set.add(x.checkId);
    attested.set(key(a.teamId, a.stepId), set);
  }
  const course = loadCourse();
  const dayOf = new Map(course.days.flatMap((d) => d.steps.map((s) => [s.id, d.day] as const)));
  const rows: ProgressRow[] = teams.flatMap((team) =>
    allSteps(course).map((step) => {
      const k = key(team.id, step.id);
      const run = latestRun.get(k);
      const manualAttested = step.checks.filter((c) => c.kind === "manual" && attested.get(k)?.has(c.id)).length;
      // The run's own verdict when it has one; otherwise its passing checks plus the attested ones.
      const checksPassed = run?.verdict ? run.verdict.passed : (run?.passing ?? 0) + manualAttested;
      const checks = run?.verdict ? run.verdict.total : step.checks.length;
      const o = override.get(k);
      return {
        team: team.name,
        day: dayOf.get(step.id)!,
        step: step.number,
        stepId: step.id,
        title: step.title,
        status: status.get(k) ?? "NOT_STARTED",
        attempts: attemptCount.get(k) ?? 0,
        firstVerifiedAt: proven.get(k)?.toISOString() ?? null,
        overridden: o !== undefined,
        overrideBy: o?.by.name ?? null,
        overrideReason: o?.reason ?? null,
        checksPassed,
        checks,
        score: checks ? round4(checksPassed / checks) : 0,
      };
    }),
  );
  return { format: "daybook-cohort-progress/1", cohort, exportedAt: new Date().toISOString(), rows };
}

const HEADER = ["cohort", "team", "day", "step", "step_id", "title", "status", "attempts", "first_verified_at", "overridden", "override_by", "override_reason", "checks_passed", "checks", "score"];

export function progressCsv(e: CohortProgressExport): string {
  // "Step 1.1", not "1.1": a spreadsheet would read a bare 1.1 as a number, or in some locales as a date.
  return toCsv(HEADER, e.rows.map((r) => [e.cohort.name, r.team, r.day, `Step ${r.step}`, r.stepId, r.title, r.status, r.attempts, r.firstVerifiedAt, r.overridden, r.overrideBy, r.overrideReason, r.checksPassed, r.checks, r.score]));
}
