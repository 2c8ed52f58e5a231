import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan, can } from "@/lib/authz/permissions";
import { cellState, type CellState } from "@/lib/board/cell-state";
import { stuckHoursSetting, stuckState, type Stuck } from "@/lib/board/stuck";
import { courseToday, paceOf, stepsThroughDay, type CourseToday, type Pace } from "@/lib/calendar/course-calendar";
import { allSteps, dayOfStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { isDone, type StepStatus } from "@/lib/progress/compute";
import { calendarOf } from "./calendar";
import { relationsToCohort } from "./relations";

export type LiveTeam = {
  id: string;
  name: string;
  /** One per step, in plan order. */
  cells: CellState[];
  /** Steps (indexes into cells) with comments the viewer has not read. */
  unread: number[];
  done: number;
  percent: number;
  /** The day of the team's next open step; null once every step is done. */
  atDay: number | null;
  pace: Pace | null;
  stuck: (Omit<Extract<Stuck, { reason: "idle" }>, "since"> & { since: string }) | Extract<Stuck, { reason: "blocked" }> | null;
  lastProgressAt: string | null;
};

export type LiveBoard = {
  cohort: { id: string; name: string };
  generatedAt: string;
  today: CourseToday | null;
  stuckHours: number;
  /** Share of the cohort's steps of each day (1…20) that are done, in whole percent. */
  dayPercent: number[];
  teams: LiveTeam[];
  may: { review: boolean; comments: boolean };
};

type TeamRow = { id: string; name: string; createdAt: Date; lastEventAt: Date | null };
type MarkRow = { teamId: string; stepId: string; status: StepStatus | null; kind: "status" | "blocked" | "override" | "unread" };
type CohortRow = { id: string; name: string; startDate: Date | null; weekdays: unknown; holidays: unknown; timeZone: string | null };

/**
 * The cohort board as the page polls it: teams × steps with each cell's state, stuck teams, pace by
 * the course calendar and per-day completion. Four queries whatever the number of teams.
 */
export async function getLiveBoard(actor: Actor, cohortId: string, now = new Date()): Promise<LiveBoard> {
  const relations = await relationsToCohort(actor, cohortId);
  assertCan(actor.role, "board.read", relations);
  const sees = { blocked: can(actor.role, "blockedStep.read", relations), comments: can(actor.role, "comment.read", relations) };
  const db = await getDb();
  const inCohort = Prisma.sql`JOIN "Team" t ON t."id" = x."teamId" AND t."cohortId" = ${cohortId} AND t."archivedAt" IS NULL`;
  const [[cohort], teams, marks] = await Promise.all([
    db.$queryRaw<CohortRow[]>`
      SELECT c."id", c."name", k."startDate", k."weekdays", k."holidays", k."timeZone"
      FROM "Cohort" c LEFT JOIN "CohortCalendar" k ON k."cohortId" = c."id" WHERE c."id" = ${cohortId}`,
    db.$queryRaw<TeamRow[]>`
      SELECT t."id", t."name", t."createdAt", (SELECT max(e."at") FROM "StepEvent" e WHERE e."teamId" = t."id") AS "lastEventAt"
      FROM "Team" t WHERE t."cohortId" = ${cohortId} AND t."archivedAt" IS NULL ORDER BY t."name"`,
    db.$queryRaw<MarkRow[]>`
      SELECT x."teamId", x."stepId", x."status"::text AS "status", 'status' AS "kind" FROM "StepProgress" x ${inCohort}
      UNION ALL SELECT x."teamId", x."stepId", NULL, 'override' FROM "GateOverride" x ${inCohort}
      ${sees.blocked ? Prisma.sql`UNION ALL SELECT x."teamId", x."stepId", NULL, 'blocked' FROM "StepNote" x ${inCohort} WHERE x."blocked"` : Prisma.empty}
      ${sees.comments ? Prisma.sql`UNION ALL SELECT DISTINCT x."teamId", x."stepId", NULL, 'unread' FROM "StepComment" x ${inCohort}
        LEFT JOIN "StepCommentRead" r ON r."userId" = ${actor.id} AND r."teamId" = x."teamId" AND r."stepId" = x."stepId"
        WHERE x."authorId" <> ${actor.id} AND (r."readAt" IS NULL OR x."createdAt" > r."readAt")` : Prisma.empty}`,
  ]);
  if (!cohort) throw new AppError("NOT_FOUND", "That cohort does not exist.");

  const course = loadCourse();
  const steps = allSteps(course);
  const index = new Map(steps.map((s, i) => [s.id, i]));
  const calendar = cohort.startDate ? calendarOf({ startDate: cohort.startDate, weekdays: cohort.weekdays, holidays: cohort.holidays, timeZone: cohort.timeZone ?? "UTC" }) : null;
  const today = calendar ? courseToday(calendar, now) : null;
  const cumulative = stepsThroughDay(course.days.map((d) => d.steps.length));
  const stuckHours = stuckHoursSetting(process.env.DAYBOOK_STUCK_HOURS);

  type Acc = { statuses: Map<string, StepStatus>; blocked: Set<string>; overridden: Set<string>; unread: Set<string> };
  const byTeam = new Map<string, Acc>(teams.map((t) => [t.id, { statuses: new Map(), blocked: new Set(), overridden: new Set(), unread: new Set() }]));
  for (const m of marks) {
    const acc = byTeam.get(m.teamId);
    if (!acc || !index.has(m.stepId)) continue;
    if (m.kind === "status") acc.statuses.set(m.stepId, m.status!);
    else if (m.kind === "blocked") acc.blocked.add(m.stepId);
    else if (m.kind === "override") acc.overridden.add(m.stepId);
    else acc.unread.add(m.stepId);
  }

  const dayIndex = course.days.flatMap((d, i) => d.steps.map(() => i));
  const doneByDay = new Array<number>(course.days.length).fill(0);
  const live = teams.map((t): LiveTeam => {
    const acc = byTeam.get(t.id)!;
    let done = 0;
    steps.forEach((s, i) => {
      if (!isDone(acc.statuses.get(s.id))) return;
      done++;
      doneByDay[dayIndex[i]!]!++;
    });
    const next = steps.find((s) => !isDone(acc.statuses.get(s.id)));
    const lastProgressAt = t.lastEventAt ? new Date(t.lastEventAt) : null;
    const stuck = stuckState({ blockedSteps: acc.blocked.size, lastProgressAt, teamCreatedAt: new Date(t.createdAt), finished: !next, calendar, today, now, thresholdHours: stuckHours });
    return {
      id: t.id,
      name: t.name,
      cells: steps.map((s) => cellState({ status: acc.statuses.get(s.id), blocked: acc.blocked.has(s.id), overridden: acc.overridden.has(s.id) })),
      unread: [...acc.unread].map((id) => index.get(id)!).sort((a, b) => a - b),
      done,
      percent: Math.floor((done / steps.length) * 100),
      atDay: next ? dayOfStep(course, next.id)!.day : null,
      pace: today ? paceOf(done, cumulative, today) : null,
      stuck: stuck?.reason === "idle" ? { ...stuck, since: stuck.since.toISOString() } : stuck,
      lastProgressAt: lastProgressAt?.toISOString() ?? null,
    };
  });
  return {
    cohort: { id: cohort.id, name: cohort.name },
    generatedAt: now.toISOString(),
    today,
    stuckHours,
    dayPercent: course.days.map((d, i) => (live.length ? Math.floor((doneByDay[i]! / (live.length * d.steps.length)) * 100) : 0)),
    teams: live,
    may: { review: can(actor.role, "team.review", relations), comments: sees.comments },
  };
}
