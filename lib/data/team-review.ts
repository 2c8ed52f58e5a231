import "server-only";
import type { Actor } from "@/lib/auth/session";
import { cellState, type CellState } from "@/lib/board/cell-state";
import { stuckHoursSetting, stuckState, type Stuck } from "@/lib/board/stuck";
import { courseToday, paceOf, stepsThroughDay, type CourseToday, type Pace } from "@/lib/calendar/course-calendar";
import { allSteps, dayOfStep, findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { isDone, type StepStatus } from "@/lib/progress/compute";
import { authorizeTeam } from "./access";
import { calendarOf } from "./calendar";
import type { RunListItem } from "./runs";

export type ReviewStepRow = {
  id: string;
  number: string;
  title: string;
  day: number;
  status: StepStatus;
  cell: CellState;
  runs: number;
  blockedReason: string | null;
  comments: number;
  unread: number;
  override: { reason: string; by: string; at: Date } | null;
};

export type TeamReview = {
  team: { id: string; name: string; cohortId: string; cohort: string; archived: boolean };
  members: { name: string; designation: string }[];
  today: CourseToday | null;
  pace: Pace | null;
  stuck: Stuck | null;
  done: number;
  lastProgressAt: Date | null;
  steps: ReviewStepRow[];
};

/** One team as its instructor reviews it: every step with its runs, blocked reason, comments and open gate. */
export async function getTeamReview(actor: Actor, teamId: string, now = new Date()): Promise<TeamReview> {
  await authorizeTeam(actor, "team.review", teamId);
  const db = await getDb();
  const [team, progress, notes, overrides, runs, comments, lastEvent] = await Promise.all([
    db.team.findUnique({
      where: { id: teamId },
      select: {
        id: true, name: true, cohortId: true, archivedAt: true, createdAt: true,
        cohort: { select: { name: true, calendar: { select: { startDate: true, weekdays: true, holidays: true, timeZone: true } } } },
        members: { orderBy: { joinedAt: "asc" }, select: { designation: true, user: { select: { name: true } } } },
      },
    }),
    db.stepProgress.findMany({ where: { teamId }, select: { stepId: true, status: true } }),
    db.stepNote.findMany({ where: { teamId, blocked: true }, select: { stepId: true, blockedReason: true } }),
    db.gateOverride.findMany({ where: { teamId }, select: { stepId: true, reason: true, at: true, by: { select: { name: true } } } }),
    db.run.groupBy({ by: ["stepId"], where: { teamId }, _count: { _all: true } }),
    db.$queryRaw<{ stepId: string; total: number; unread: number }[]>`
      SELECT c."stepId", count(*)::int AS "total",
             count(*) FILTER (WHERE c."authorId" <> ${actor.id} AND (r."readAt" IS NULL OR c."createdAt" > r."readAt"))::int AS "unread"
      FROM "StepComment" c LEFT JOIN "StepCommentRead" r ON r."userId" = ${actor.id} AND r."teamId" = c."teamId" AND r."stepId" = c."stepId"
      WHERE c."teamId" = ${teamId} GROUP BY c."stepId"`,
    db.stepEvent.findFirst({ where: { teamId }, orderBy: { at: "desc" }, select: { at: true } }),
  ]);
  if (!team) throw new AppError("NOT_FOUND", "That team does not exist.");
  const course = loadCourse();
  const statuses = new Map(progress.map((p) => [p.stepId, p.status]));
  const blocked = new Map(notes.map((n) => [n.stepId, n.blockedReason ?? ""]));
  const opened = new Map(overrides.map((o) => [o.stepId, { reason: o.reason, by: o.by.name, at: o.at }]));
  const runCount = new Map(runs.map((r) => [r.stepId, r._count._all]));
  const talk = new Map(comments.map((c) => [c.stepId, c]));
  const steps = allSteps(course).map((s): ReviewStepRow => {
    const status = statuses.get(s.id) ?? "NOT_STARTED";
    return {
      id: s.id,
      number: s.number,
      title: s.title,
      day: dayOfStep(course, s.id)!.day,
      status,
      cell: cellState({ status, blocked: blocked.has(s.id), overridden: opened.has(s.id) }),
      runs: runCount.get(s.id) ?? 0,
      blockedReason: blocked.get(s.id) ?? null,
      comments: talk.get(s.id)?.total ?? 0,
      unread: talk.get(s.id)?.unread ?? 0,
      override: opened.get(s.id) ?? null,
    };
  });
  const calendar = team.cohort.calendar ? calendarOf(team.cohort.calendar) : null;
  const today = calendar ? courseToday(calendar, now) : null;
  const done = steps.filter((s) => isDone(s.status)).length;
  const lastProgressAt = lastEvent?.at ?? null;
  return {
    team: { id: team.id, name: team.name, cohortId: team.cohortId, cohort: team.cohort.name, archived: team.archivedAt !== null },
    members: team.members.map((m) => ({ name: m.user.name, designation: m.designation })),
    today,
    pace: today ? paceOf(done, stepsThroughDay(course.days.map((d) => d.steps.length)), today) : null,
    stuck: stuckState({ blockedSteps: blocked.size, lastProgressAt, teamCreatedAt: team.createdAt, finished: done === steps.length, calendar, today, now, thresholdHours: stuckHoursSetting(process.env.DAYBOOK_STUCK_HOURS) }),
    done,
    lastProgressAt,
    steps,
  };
}

export type ReviewStepExtras = {
  runs: RunListItem[];
  resets: { by: string; reason: string; at: Date; fromStatus: StepStatus }[];
};

/** Beyond what the step page shows (getStepEngine): every run of the step, not only the latest, and its resets. */
export async function getReviewStepExtras(actor: Actor, teamId: string, stepId: string): Promise<ReviewStepExtras> {
  await authorizeTeam(actor, "team.review", teamId);
  if (!findStep(loadCourse(), stepId)) throw new AppError("NOT_FOUND", `There is no step ${stepId} in this course.`);
  const db = await getDb();
  const [runs, resets] = await Promise.all([
    db.run.findMany({
      where: { teamId, stepId },
      orderBy: { startedAt: "desc" },
      select: { id: true, kind: true, operationId: true, status: true, summary: true, startedAt: true, finishedAt: true, durationMs: true, startedBy: { select: { name: true } } },
    }),
    db.stepReset.findMany({ where: { teamId, stepId }, orderBy: { at: "desc" }, select: { reason: true, at: true, fromStatus: true, by: { select: { name: true } } } }),
  ]);
  return {
    runs: runs.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null, startedBy: r.startedBy?.name ?? null })),
    resets: resets.map((r) => ({ by: r.by.name, reason: r.reason, at: r.at, fromStatus: r.fromStatus })),
  };
}
