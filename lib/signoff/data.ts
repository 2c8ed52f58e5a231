import "server-only";
import type { Actor } from "@/lib/auth/session";
import { appendAudit } from "@/lib/audit/append";
import { sha256Hex } from "@/lib/audit/hash";
import { can } from "@/lib/authz/permissions";
import { loadCourse } from "@/lib/course/load";
import { authorizeCohort, authorizeTeam } from "@/lib/data/access";
import { isUniqueViolation } from "@/lib/data/db-errors";
import { teamAccess } from "@/lib/data/relations";
import { teamScope } from "@/lib/data/scope";
import { getDb } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { eligibility, signerRole, signoffSteps, signoffWindowHours, type Eligibility, type FinalValidation, type SignoffRole } from "./chain";
import { diffEvidence, parseEvidence, type Evidence, type EvidenceChange } from "./evidence";
import { readEvidence, readFinalValidation } from "./read";
import { checkRecord, HOW_TO_CHECK, RECORD_FORMAT, type RecordCheckResult, type SignoffRecord } from "./record";
import type { TSignOff } from "./validation";

type Tx = Prisma.TransactionClient;

export type SignoffEntry = { id: string; role: SignoffRole; signerId: string; signerName: string; comment: string; signedAt: Date; evidenceSha256: string };
export type RoundView = { round: number; openedAt: Date; openedBy: string | null; openedReason: string | null; staleAt: Date | null; staleReason: string | null; signoffs: SignoffEntry[] };
export type EvidenceCheck = { signoffId: string; intact: boolean; matchesCurrent: boolean; changes: EvidenceChange[] };

export type SignoffView = {
  team: { id: string; name: string; cohort: string };
  order: SignoffRole[];
  finalValidation: { stepId: string; number: string; title: string; state: FinalValidation; windowHours: number };
  current: RoundView;
  earlier: RoundView[];
  locked: boolean;
  evidence: Evidence;
  checks: EvidenceCheck[];
  people: Map<string, string>;
  mine: Eligibility;
  may: { sign: boolean; reopen: boolean };
};

const roundSelect = {
  round: true,
  openedAt: true,
  openedById: true,
  openedReason: true,
  staleAt: true,
  staleReason: true,
  signoffs: { orderBy: { signedAt: "asc" }, select: { id: true, role: true, signerId: true, signerName: true, comment: true, signedAt: true, evidenceHash: true, evidence: true } },
} as const;

type RoundRow = { round: number; openedAt: Date; openedById: string | null; openedReason: string | null; staleAt: Date | null; staleReason: string | null; signoffs: { id: string; role: SignoffRole; signerId: string; signerName: string; comment: string; signedAt: Date; evidenceHash: string; evidence: string }[] };

const toRound = (r: RoundRow, names: Map<string, string>): RoundView => ({
  round: r.round,
  openedAt: r.openedAt,
  openedBy: r.openedById ? (names.get(r.openedById) ?? "someone no longer in Daybook") : null,
  openedReason: r.openedReason,
  staleAt: r.staleAt,
  staleReason: r.staleReason,
  signoffs: r.signoffs.map((s) => ({ id: s.id, role: s.role, signerId: s.signerId, signerName: s.signerName, comment: s.comment, signedAt: s.signedAt, evidenceSha256: s.evidenceHash })),
});

const EMPTY_ROUND: RoundRow = { round: 1, openedAt: new Date(0), openedById: null, openedReason: null, staleAt: null, staleReason: null, signoffs: [] };

/** A stored sign-off against the evidence now: is its stored text still the one its hash names, and does today's evidence still say the same? */
export function checkAgainst(stored: { id: string; evidence: string; evidenceHash: string }, current: Evidence): EvidenceCheck {
  const intact = sha256Hex(stored.evidence) === stored.evidenceHash;
  const signed = parseEvidence(stored.evidence);
  const matchesCurrent = stored.evidenceHash === current.sha256;
  return { signoffId: stored.id, intact, matchesCurrent, changes: matchesCurrent || !signed ? [] : diffEvidence(signed, current.document) };
}

async function regressedSteps(db: Tx, teamId: string): Promise<string[]> {
  const course = loadCourse();
  const rows = await db.stepProgress.findMany({ where: { teamId, status: "REGRESSED" }, select: { stepId: true } });
  const ids = new Set(rows.map((r) => r.stepId));
  return course.days.flatMap((d) => d.steps).filter((s) => ids.has(s.id)).map((s) => s.number);
}

async function facts(db: Tx, actor: Actor, teamId: string, round: RoundRow, relations: string[]) {
  const course = loadCourse();
  const { order, finalValidation } = signoffSteps(course);
  const [fv, regressed] = await Promise.all([readFinalValidation(db, teamId, finalValidation), regressedSteps(db, teamId)]);
  const windowHours = signoffWindowHours();
  const mine = eligibility({
    signerId: actor.id,
    role: signerRole(actor, relations),
    isInstructor: actor.role === "INSTRUCTOR",
    round: { order, signed: round.signoffs, staleReason: round.staleReason },
    finalValidation: fv,
    finalValidationNumber: finalValidation.number,
    windowHours,
    regressed,
    now: new Date(),
  });
  return { course, order, finalValidation, fv, windowHours, mine };
}

/** The team's sign-off chain: every round, what the current evidence is and whether each signature still matches it, and what the actor may do. */
export async function getSignoffView(actor: Actor, teamId: string): Promise<SignoffView> {
  await authorizeTeam(actor, "signoff.read", teamId);
  const { relations, team } = await teamAccess(actor, teamId);
  const db = await getDb();
  const rounds = (await db.signoffRound.findMany({ where: { teamId }, orderBy: { round: "desc" }, select: roundSelect })) as RoundRow[];
  const currentRow = rounds[0] ?? EMPTY_ROUND;
  const [f, evidence] = await Promise.all([facts(db, actor, teamId, currentRow, relations), readEvidence(db, loadCourse(), teamId)]);
  const ids = new Set<string>([...rounds.map((r) => r.openedById).filter((x): x is string => !!x), ...evidence.document.attestations.map((a) => a.by).filter((x): x is string => !!x)]);
  const people = new Map((await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    team: { id: teamId, name: team!.name, cohort: team!.cohort },
    order: f.order,
    finalValidation: { stepId: f.finalValidation.id, number: f.finalValidation.number, title: f.finalValidation.title, state: f.fv, windowHours: f.windowHours },
    current: toRound(currentRow, people),
    earlier: rounds.slice(1).map((r) => toRound(r, people)),
    locked: currentRow.signoffs.length >= f.order.length,
    evidence,
    checks: currentRow.signoffs.map((s) => checkAgainst(s, evidence)),
    people,
    mine: f.mine,
    may: { sign: can(actor.role, "signoff.sign", relations) && f.mine.ok, reopen: can(actor.role, "signoff.reopen", relations) && currentRow.signoffs.length > 0 },
  };
}

/** The current round, created on first use, locked for this transaction so sign-offs and reopenings of one team happen one at a time. */
async function lockCurrentRound(tx: Tx, teamId: string): Promise<RoundRow> {
  await tx.signoffRound.createMany({ data: [{ teamId, round: 1 }], skipDuplicates: true });
  await tx.$queryRaw`SELECT 1 FROM "SignoffRound" WHERE "teamId" = ${teamId} ORDER BY "round" DESC LIMIT 1 FOR UPDATE`;
  return (await tx.signoffRound.findFirstOrThrow({ where: { teamId }, orderBy: { round: "desc" }, select: roundSelect })) as RoundRow;
}

export type SignedOff = { role: SignoffRole; evidenceSha256: string; locked: boolean };

/**
 * Signs the team's sign-off in the actor's role, over the evidence as it is in this transaction, if
 * that is the evidence the signer was shown and the chain allows it now.
 */
export async function signOff(actor: Actor, input: TSignOff): Promise<SignedOff> {
  await authorizeTeam(actor, "signoff.sign", input.teamId);
  const { relations } = await teamAccess(actor, input.teamId);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const round = await lockCurrentRound(tx, input.teamId);
      const f = await facts(tx, actor, input.teamId, round, relations);
      if (!f.mine.ok) throw new AppError("CONFLICT", f.mine.reason);
      const evidence = await readEvidence(tx, f.course, input.teamId);
      if (evidence.sha256 !== input.evidenceSha256) throw new AppError("CONFLICT", "The evidence changed since you opened this page (a step was verified, attested or changed). Review it again, then sign.");
      const signedAt = new Date();
      await tx.signoff.create({ data: { teamId: input.teamId, round: round.round, role: f.mine.role, signerId: actor.id, signerName: actor.name, comment: input.comment, evidence: evidence.canonical, evidenceHash: evidence.sha256, signedAt } });
      const locked = round.signoffs.length + 1 >= f.order.length;
      await appendAudit(tx, { type: "signoff.signed", actorId: actor.id, teamId: input.teamId, subject: f.mine.role, data: { round: round.round, role: f.mine.role, evidenceSha256: evidence.sha256, locked } });
      return { role: f.mine.role, evidenceSha256: evidence.sha256, locked };
    });
  } catch (error) {
    // The round's lock makes this rare: a second round opened between the lock and the insert.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Someone signed in this role a moment ago. Reload the page to see it.");
    throw error;
  }
}

/** An instructor reopens a team's sign-off, with a reason: a new round starts, the earlier one is kept, and its signers are told. */
export async function reopenSignoff(actor: Actor, input: { teamId: string; reason: string }): Promise<{ round: number }> {
  await authorizeTeam(actor, "signoff.reopen", input.teamId);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const round = await lockCurrentRound(tx, input.teamId);
    if (round.signoffs.length === 0) throw new AppError("CONFLICT", "Nobody has signed this round yet; there is nothing to reopen.");
    const next = round.round + 1;
    await tx.signoffRound.create({ data: { teamId: input.teamId, round: next, openedById: actor.id, openedReason: input.reason } });
    const team = await tx.team.findUniqueOrThrow({ where: { id: input.teamId }, select: { name: true } });
    await tx.signoffNotice.createMany({
      data: [...new Set(round.signoffs.map((s) => s.signerId))].map((userId) => ({ userId, teamId: input.teamId, message: `${actor.name} reopened ${team.name}'s sign-off: ${input.reason}` })),
    });
    await appendAudit(tx, { type: "signoff.reopened", actorId: actor.id, teamId: input.teamId, data: { closedRound: round.round, round: next, reason: input.reason, signatures: round.signoffs.length } });
    return { round: next };
  });
}

/** The whole sign-off record of a team as a self-checking JSON document (see record.ts). */
export async function exportSignoffRecord(actor: Actor, teamId: string): Promise<SignoffRecord> {
  await authorizeTeam(actor, "signoff.read", teamId);
  const { team } = await teamAccess(actor, teamId);
  const db = await getDb();
  const rounds = (await db.signoffRound.findMany({ where: { teamId }, orderBy: { round: "asc" }, select: roundSelect })) as RoundRow[];
  const evidence: Record<string, string> = {};
  const ids = new Set<string>();
  for (const r of rounds) {
    if (r.openedById) ids.add(r.openedById);
    for (const s of r.signoffs) {
      evidence[s.evidenceHash] = s.evidence;
      ids.add(s.signerId);
      for (const a of parseEvidence(s.evidence)?.attestations ?? []) if (a.by) ids.add(a.by);
    }
  }
  const people = Object.fromEntries((await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    format: RECORD_FORMAT,
    exportedAt: new Date().toISOString(),
    team: { id: teamId, name: team!.name, cohort: team!.cohort },
    rounds: rounds.map((r) => ({
      round: r.round,
      openedAt: r.openedAt.toISOString(),
      openedBy: r.openedById ? (people[r.openedById] ?? r.openedById) : null,
      openedReason: r.openedReason,
      staleAt: r.staleAt?.toISOString() ?? null,
      staleReason: r.staleReason,
      signoffs: r.signoffs.map((s) => ({ role: s.role, signer: { id: s.signerId, name: s.signerName }, signedAt: s.signedAt.toISOString(), comment: s.comment, evidenceSha256: s.evidenceHash })),
    })),
    evidence,
    people,
    howToCheck: HOW_TO_CHECK,
  };
}

/** Someone pasted an exported record: check its hashes, and compare it with what Daybook holds and with today's evidence. */
export async function checkSignoffRecord(actor: Actor, input: { teamId: string; record: string }): Promise<RecordCheckResult> {
  await authorizeTeam(actor, "signoff.read", input.teamId);
  const db = await getDb();
  const [current, stored] = await Promise.all([
    readEvidence(db, loadCourse(), input.teamId),
    db.signoff.findMany({ where: { teamId: input.teamId }, select: { round: true, role: true, signerId: true, evidenceHash: true } }),
  ]);
  return checkRecord(input.record, { teamId: input.teamId, current, stored });
}

export type SignoffNoticeView = { id: string; teamId: string; message: string; createdAt: Date };

/** The actor's unread sign-off notices (stale sign-offs, reopenings); one indexed query. */
export async function listSignoffNotices(actor: Actor): Promise<SignoffNoticeView[]> {
  return (await getDb()).signoffNotice.findMany({ where: { userId: actor.id, readAt: null }, orderBy: { createdAt: "desc" }, take: 5, select: { id: true, teamId: true, message: true, createdAt: true } });
}

/** Marks one of the actor's own notices read; someone else's notice is not found. */
export async function dismissSignoffNotice(actor: Actor, id: string): Promise<void> {
  const { count } = await (await getDb()).signoffNotice.updateMany({ where: { id, userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  if (count === 0 && !(await (await getDb()).signoffNotice.findFirst({ where: { id, userId: actor.id }, select: { id: true } }))) throw new AppError("NOT_FOUND", "That notice does not exist.");
}

export type TeamSignoffSummary = { id: string; name: string; round: number; signed: SignoffRole[]; locked: boolean; stale: boolean };

/** Every team of a cohort with where its sign-off stands, for instructors and stakeholders; one query. */
export async function listCohortSignoffs(actor: Actor, cohortId: string): Promise<{ order: SignoffRole[]; teams: TeamSignoffSummary[] }> {
  await authorizeCohort(actor, "board.read", cohortId);
  const { order } = signoffSteps(loadCourse());
  const teams = await (await getDb()).team.findMany({
    where: { cohortId, ...teamScope(actor, "signoff.read") },
    orderBy: { name: "asc" },
    select: { id: true, name: true, signoffRounds: { orderBy: { round: "desc" }, take: 1, select: { round: true, staleAt: true, signoffs: { select: { role: true } } } } },
  });
  return {
    order,
    teams: teams.map((t) => {
      const r = t.signoffRounds[0];
      const signed = order.filter((role) => r?.signoffs.some((s) => s.role === role));
      return { id: t.id, name: t.name, round: r?.round ?? 1, signed, locked: signed.length >= order.length, stale: Boolean(r?.staleAt) };
    }),
  };
}
