import "server-only";
import type { Actor } from "@/lib/auth/session";
import { audited } from "@/lib/audit/append";
import { can } from "@/lib/authz/permissions";
import { loadCourse } from "@/lib/course/load";
import { authorizeTeam } from "@/lib/data/access";
import { isUniqueViolation } from "@/lib/data/db-errors";
import { teamAccess } from "@/lib/data/relations";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { LoadRunResults } from "@/lib/runs/types";
import { SIGNOFF_ROLE_LABEL } from "@/lib/signoff/chain";
import { assembleClosure, type ClosureInput, type ClosureReport } from "./closure";
import { performanceStepsOf, type RecordedLoadRun } from "./performance";

/** Step 19.2's closure report for a team, generated from what Daybook recorded. Blockers follow blockedReason.read, their comments comment.read. */
export async function getClosureReport(actor: Actor, teamId: string): Promise<ClosureReport> {
  await authorizeTeam(actor, "report.read", teamId);
  const { relations, team } = await teamAccess(actor, teamId);
  const seesBlockers = can(actor.role, "blockedReason.read", relations);
  const seesComments = seesBlockers && can(actor.role, "comment.read", relations);
  const course = loadCourse();
  const db = await getDb();
  const [progress, events, runs, loadRuns, noteEvents, notes, comments, lessons, rounds] = await Promise.all([
    db.stepProgress.findMany({ where: { teamId }, select: { stepId: true, status: true } }),
    db.stepEvent.findMany({ where: { teamId }, orderBy: { at: "asc" }, select: { stepId: true, toStatus: true, at: true } }),
    db.run.findMany({ where: { teamId }, select: { stepId: true, kind: true, status: true, startedAt: true, finishedAt: true } }),
    Promise.all(performanceStepsOf(course).map((s) => latestLoadRun(teamId, s.id))),
    seesBlockers ? db.auditEvent.findMany({ where: { teamId, type: "note.saved" }, orderBy: { seq: "asc" }, select: { subject: true, at: true, data: true } }) : Promise.resolve([]),
    seesBlockers ? db.stepNote.findMany({ where: { teamId, blocked: true }, select: { stepId: true, blockedReason: true, updatedAt: true } }) : Promise.resolve([]),
    seesComments ? db.stepComment.findMany({ where: { teamId }, orderBy: { createdAt: "asc" }, select: { stepId: true, createdAt: true, body: true, author: { select: { name: true, role: true } } } }) : Promise.resolve(null),
    db.teamClosure.findUnique({ where: { teamId }, select: { lessonsLearned: true, version: true, updatedAt: true, updatedById: true } }),
    db.signoffRound.findMany({ where: { teamId }, orderBy: { round: "asc" }, select: { round: true, openedAt: true, openedById: true, openedReason: true, staleAt: true, signoffs: { orderBy: { signedAt: "asc" }, select: { role: true, signerName: true, signedAt: true, comment: true, evidenceHash: true } } } }),
  ]);
  const ids = [lessons?.updatedById, ...rounds.map((r) => r.openedById)].filter((x): x is string => !!x);
  const names = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const input: ClosureInput = {
    team: { id: teamId, name: team!.name, cohort: team!.cohort },
    generatedAt: new Date(),
    statuses: new Map(progress.map((p) => [p.stepId, p.status])),
    events,
    runs,
    loadRuns: loadRuns.filter((r): r is RecordedLoadRun => r !== null),
    blocks: seesBlockers ? blockHistory(noteEvents, notes) : null,
    comments: comments?.map((c) => ({ stepId: c.stepId, at: c.createdAt, author: c.author.name, side: c.author.role === "STUDENT" ? "team" : "instructor", body: c.body })) ?? null,
    lessons: { text: lessons?.lessonsLearned ?? "", version: lessons?.version ?? 0, updatedAt: lessons?.updatedAt ?? null, updatedBy: lessons?.updatedById ? (names.get(lessons.updatedById) ?? null) : null },
    signoffs: rounds.flatMap((r) => r.signoffs.map((s) => ({ round: r.round, role: SIGNOFF_ROLE_LABEL[s.role], signer: s.signerName, signedAt: s.signedAt, comment: s.comment, evidenceSha256: s.evidenceHash, stale: r.staleAt !== null }))),
    reopenings: rounds.filter((r) => r.round > 1).map((r) => ({ round: r.round, by: r.openedById ? (names.get(r.openedById) ?? null) : null, at: r.openedAt, reason: r.openedReason })),
  };
  return assembleClosure(course, input);
}

/** The step's latest finished performance test, as verifications judge it (a cancelled or half-written one is skipped). */
async function latestLoadRun(teamId: string, stepId: string): Promise<RecordedLoadRun | null> {
  const runs = await (await getDb()).run.findMany({ where: { teamId, stepId, kind: "LOAD", status: { in: ["PASSED", "FAILED", "ERROR"] } }, orderBy: { startedAt: "desc" }, take: 5, select: { status: true, startedAt: true, finishedAt: true, results: true } });
  const last = runs.find((r) => (r.results as unknown as LoadRunResults).load?.phase === "done");
  return last ? { stepId, status: last.status, startedAt: last.startedAt, finishedAt: last.finishedAt, load: (last.results as unknown as LoadRunResults).load } : null;
}

/** Blocked flags over time from the audit trail; a note blocked before the trail existed counts from its last save. */
function blockHistory(events: { subject: string | null; at: Date; data: string }[], notes: { stepId: string; blockedReason: string | null; updatedAt: Date }[]): NonNullable<ClosureInput["blocks"]> {
  const history = events.flatMap((e) => {
    const data = JSON.parse(e.data) as { blocked?: boolean; blockedReason?: string | null };
    return e.subject && typeof data.blocked === "boolean" ? [{ stepId: e.subject, at: e.at, blocked: data.blocked, reason: data.blockedReason ?? null }] : [];
  });
  for (const n of notes) {
    if (!history.some((h) => h.stepId === n.stepId && h.blocked)) history.push({ stepId: n.stepId, at: n.updatedAt, blocked: true, reason: n.blockedReason });
  }
  return history;
}

export class LessonsConflictError extends AppError {
  constructor(readonly latest: { text: string; version: number }) {
    super("CONFLICT", "A teammate saved the lessons learned while you were editing. Their version is shown below; merge and save again.");
  }
}

/** The team's lessons learned; a save based on an older version is refused, never written over a teammate's. */
export async function saveLessonsLearned(actor: Actor, input: { teamId: string; text: string; baseVersion: number }): Promise<{ version: number }> {
  await authorizeTeam(actor, "report.write", input.teamId);
  const db = await getDb();
  const event = (version: number) => ({ type: "closure.lessons" as const, actorId: actor.id, teamId: input.teamId, data: { version, chars: input.text.length } });
  try {
    if (input.baseVersion === 0) {
      const row = await audited(db, (tx) => tx.teamClosure.create({ data: { teamId: input.teamId, lessonsLearned: input.text, version: 1, updatedById: actor.id }, select: { version: true } }), (r) => event(r.version));
      return row;
    }
    const { count } = await audited(db, (tx) => tx.teamClosure.updateMany({ where: { teamId: input.teamId, version: input.baseVersion }, data: { lessonsLearned: input.text, version: input.baseVersion + 1, updatedById: actor.id } }), (r) => (r.count ? event(input.baseVersion + 1) : null));
    if (count === 1) return { version: input.baseVersion + 1 };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const latest = await db.teamClosure.findUnique({ where: { teamId: input.teamId }, select: { lessonsLearned: true, version: true } });
  throw new LessonsConflictError({ text: latest?.lessonsLearned ?? "", version: latest?.version ?? 0 });
}
