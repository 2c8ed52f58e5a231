import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan, can, type Relation } from "@/lib/authz/permissions";
import { courseToday, paceOf, stepsThroughDay, type CourseToday, type Pace } from "@/lib/calendar/course-calendar";
import type { CheckResult } from "@/lib/checks/types";
import { allSteps, dayOfStep, loadCourse } from "@/lib/course/load";
import type { Course, Step } from "@/lib/course/schema";
import { getDb } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { isDone, type StepStatus } from "@/lib/progress/compute";
import { calendarOf } from "./calendar";
import { relationsToCohort, relationsToTeam } from "./relations";

export type PhaseProgress = { number: number; title: string; done: number; total: number; expected: number; behind: boolean };
export type PassRate = { passed: number; total: number };
export type PerformanceResult = { stepId: string; number: string; title: string; status: "pass" | "fail"; actual: string; at: Date };

export type TeamOverview = {
  id: string;
  name: string;
  done: number;
  total: number;
  atDay: number | null;
  pace: Pace | null;
  phases: PhaseProgress[];
  passRate: PassRate | null;
  /** Per step: the latest verification's checks met, for the team's own overview. */
  stepRates: Map<string, PassRate & { status: string }>;
  statuses: Map<string, StepStatus>;
  blockers: { stepId: string; number: string; title: string; since: Date }[];
  performance: PerformanceResult[];
};

export type Overview = { cohort: { id: string; name: string }; today: CourseToday | null; teams: TeamOverview[]; performanceSteps: { id: string; number: string; title: string }[] };

/** Steps whose checks include a performance test (a load test, or the validation suite that runs them). */
export const performanceSteps = (course: Course): Step[] =>
  allSteps(course).filter((s) => s.checks.some((c) => c.kind === "loadTest" || (c.kind === "validationSuite" && "suite" in c && c.suite === "performance-test")));

// A load test that has not run yet is inconclusive; a suite ran its load tests when one of them passed or failed.
function ranLoad(result: CheckResult): boolean {
  if (result.kind === "loadTest") return result.status === "pass" || result.status === "fail";
  return (result.children ?? []).some(ranLoad);
}

type Sees = { blockers: boolean; passRates: boolean; performance: boolean };
const seesOf = (actor: Actor, relations: Relation[]): Sees => ({
  blockers: can(actor.role, "blockedStep.read", relations),
  passRates: can(actor.role, "passRate.read", relations),
  performance: can(actor.role, "performance.read", relations),
});

/** A cohort's teams for its stakeholders: phase progress against the calendar, verification pass rates, latest performance tests, open blockers. */
export async function getCohortOverview(actor: Actor, cohortId: string, now = new Date()): Promise<Overview> {
  const relations = await relationsToCohort(actor, cohortId);
  assertCan(actor.role, "board.read", relations);
  return overview(Prisma.sql`t."cohortId" = ${cohortId} AND t."archivedAt" IS NULL`, Prisma.sql`c."id" = ${cohortId}`, seesOf(actor, relations), now);
}

/** The same for one team, with each step's latest verification. */
export async function getTeamOverview(actor: Actor, teamId: string, now = new Date()): Promise<Overview & { team: TeamOverview }> {
  const relations = await relationsToTeam(actor, teamId);
  assertCan(actor.role, "progress.read", relations);
  const result = await overview(Prisma.sql`t."id" = ${teamId}`, Prisma.sql`c."id" = (SELECT "cohortId" FROM "Team" WHERE "id" = ${teamId})`, seesOf(actor, relations), now);
  if (!result.teams[0]) throw new AppError("NOT_FOUND", "That team does not exist.");
  return { ...result, team: result.teams[0] };
}

async function overview(teams: Prisma.Sql, cohortWhere: Prisma.Sql, sees: Sees, now: Date): Promise<Overview> {
  const course = loadCourse();
  const perfSteps = performanceSteps(course);
  const db = await getDb();
  const inTeams = Prisma.sql`JOIN "Team" t ON t."id" = x."teamId" AND ${teams}`;
  // The latest verification of each step since its last reset that ran (passed or failed, not one the cluster could not answer).
  const latestVerify = (stepFilter: Prisma.Sql, columns: Prisma.Sql) => Prisma.sql`
    SELECT DISTINCT ON (x."teamId", x."stepId") x."teamId", x."stepId", x."status"::text AS "status", x."finishedAt", ${columns}
    FROM "Run" x ${inTeams}
    WHERE x."kind" = 'VERIFY' AND x."status" IN ('PASSED', 'FAILED') ${stepFilter}
      AND NOT EXISTS (SELECT 1 FROM "StepReset" s WHERE s."teamId" = x."teamId" AND s."stepId" = x."stepId" AND s."at" > x."startedAt")
    ORDER BY x."teamId", x."stepId", x."startedAt" DESC`;
  const [[cohort], teamRows, progress, blocked, rates, perf] = await Promise.all([
    db.$queryRaw<{ id: string; name: string; startDate: Date | null; weekdays: unknown; holidays: unknown; timeZone: string | null }[]>`
      SELECT c."id", c."name", k."startDate", k."weekdays", k."holidays", k."timeZone" FROM "Cohort" c LEFT JOIN "CohortCalendar" k ON k."cohortId" = c."id" WHERE ${cohortWhere}`,
    db.$queryRaw<{ id: string; name: string }[]>`SELECT t."id", t."name" FROM "Team" t WHERE ${teams} ORDER BY t."name"`,
    db.$queryRaw<{ teamId: string; stepId: string; status: StepStatus }[]>`SELECT x."teamId", x."stepId", x."status"::text AS "status" FROM "StepProgress" x ${inTeams}`,
    sees.blockers ? db.$queryRaw<{ teamId: string; stepId: string; since: Date }[]>`SELECT x."teamId", x."stepId", x."updatedAt" AS "since" FROM "StepNote" x ${inTeams} WHERE x."blocked"` : [],
    sees.passRates
      ? db.$queryRaw<{ teamId: string; stepId: string; status: string; passed: number | null; total: number | null }[]>(
          latestVerify(Prisma.empty, Prisma.sql`(x."results"->'verdict'->>'passed')::int AS "passed", (x."results"->'verdict'->>'total')::int AS "total"`),
        )
      : [],
    sees.performance && perfSteps.length
      ? db.$queryRaw<{ teamId: string; stepId: string; finishedAt: Date; checks: CheckResult[] }[]>(
          latestVerify(Prisma.sql`AND x."stepId" IN (${Prisma.join(perfSteps.map((s) => s.id))})`, Prisma.sql`x."results"->'checks' AS "checks"`),
        )
      : [],
  ]);
  if (!cohort) throw new AppError("NOT_FOUND", "That cohort does not exist.");
  const calendar = cohort.startDate ? calendarOf({ startDate: cohort.startDate, weekdays: cohort.weekdays, holidays: cohort.holidays, timeZone: cohort.timeZone ?? "UTC" }) : null;
  const today = calendar ? courseToday(calendar, now) : null;
  const cumulative = stepsThroughDay(course.days.map((d) => d.steps.length));
  const steps = allSteps(course);
  const group = <T extends { teamId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.teamId, [...(map.get(r.teamId) ?? []), r]);
    return map;
  };
  const [progressOf, blockedOf, ratesOf, perfOf] = [group(progress), group(blocked), group(rates), group(perf)];

  const result = teamRows.map((t): TeamOverview => {
    const statuses = new Map((progressOf.get(t.id) ?? []).map((p) => [p.stepId, p.status]));
    const done = steps.filter((s) => isDone(statuses.get(s.id))).length;
    const next = steps.find((s) => !isDone(statuses.get(s.id)));
    const stepRates = new Map((ratesOf.get(t.id) ?? []).filter((r) => r.total).map((r) => [r.stepId, { passed: r.passed ?? 0, total: r.total!, status: r.status }]));
    const sum = [...stepRates.values()].reduce((a, r) => ({ passed: a.passed + r.passed, total: a.total + r.total }), { passed: 0, total: 0 });
    return {
      id: t.id,
      name: t.name,
      done,
      total: steps.length,
      atDay: next ? dayOfStep(course, next.id)!.day : null,
      pace: today ? paceOf(done, cumulative, today) : null,
      phases: course.phases.map((p) => {
        const phaseDays = course.days.filter((d) => p.days.includes(d.day));
        const phaseSteps = phaseDays.flatMap((d) => d.steps);
        const due = (days: number) => phaseDays.filter((d) => d.day <= days).reduce((n, d) => n + d.steps.length, 0);
        const phaseDone = phaseSteps.filter((s) => isDone(statuses.get(s.id))).length;
        return { number: p.number, title: p.title, done: phaseDone, total: phaseSteps.length, expected: today ? due(today.reachableDays) : 0, behind: today ? phaseDone < due(today.finishedDays) : false };
      }),
      passRate: sees.passRates && sum.total ? sum : null,
      stepRates: sees.passRates ? stepRates : new Map(),
      statuses,
      blockers: (blockedOf.get(t.id) ?? []).flatMap((b) => {
        const step = steps.find((s) => s.id === b.stepId);
        return step ? [{ stepId: step.id, number: step.number, title: step.title, since: new Date(b.since) }] : [];
      }),
      performance: (perfOf.get(t.id) ?? []).flatMap((r) => {
        const step = perfSteps.find((s) => s.id === r.stepId)!;
        return (r.checks ?? [])
          .filter((c) => (c.kind === "loadTest" || c.kind === "validationSuite") && ranLoad(c))
          .map((c) => ({ stepId: step.id, number: step.number, title: c.title, status: c.status === "pass" ? ("pass" as const) : ("fail" as const), actual: c.actual, at: new Date(r.finishedAt) }));
      }),
    };
  });
  return { cohort: { id: cohort.id, name: cohort.name }, today, teams: result, performanceSteps: perfSteps.map((s) => ({ id: s.id, number: s.number, title: s.title })) };
}
