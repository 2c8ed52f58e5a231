import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/authz/permissions";
import { hashPassword } from "@/lib/auth/password";
import { addressKey, ADDRESS_POLICY, checkThrottle, recordFailure, waitWords } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { audited } from "@/lib/audit/append";
import { authorizeCohort, authorizeTeam } from "./access";
import { isUniqueViolation } from "./db-errors";
import { joinCodeExpiry, newJoinCode, normalizeJoinCode } from "./join-code";
import { cohortScope, teamScope } from "./scope";

export type CohortSummary = { id: string; name: string; instructor: string; teamCount: number };

/** Cohorts whose board the permission table lets the actor read: instructors their own, stakeholders those they follow. */
export async function listCohorts(actor: Actor): Promise<CohortSummary[]> {
  const rows = await (await getDb()).cohort.findMany({
    where: cohortScope(actor, "board.read"),
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, instructor: { select: { name: true } }, _count: { select: { teams: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, instructor: r.instructor.name, teamCount: r._count.teams }));
}

export async function createCohort(actor: Actor, name: string) {
  assertCan(actor.role, "cohort.create");
  try {
    return await audited(await getDb(), (tx) => tx.cohort.create({ data: { name, instructorId: actor.id }, select: { id: true, name: true } }), (c) => ({ type: "cohort.created", actorId: actor.id, cohortId: c.id, data: { name } }));
  } catch (error) {
    // Also what a double submit of the form meets: the second one creates nothing.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `You already have a cohort called "${name}". Pick another name.`);
    throw error;
  }
}

export async function createTeam(actor: Actor, cohortId: string, name: string) {
  await authorizeCohort(actor, "cohort.manage", cohortId);
  const db = await getDb();
  // The scope is in the lookup too: a cohort the actor may not manage is never written to.
  const cohort = await db.cohort.findFirst({ where: { id: cohortId, ...cohortScope(actor, "cohort.manage") }, select: { id: true } });
  if (!cohort) throw new AppError("NOT_FOUND", "That cohort does not exist.");
  for (let attempt = 0; ; attempt++) {
    try {
      return await audited(db, (tx) => tx.team.create({
        data: { cohortId: cohort.id, name, joinCode: newJoinCode(), joinCodeExpiresAt: joinCodeExpiry() },
        select: { id: true, name: true, joinCode: true, joinCodeExpiresAt: true },
      }), (t) => ({ type: "team.created", actorId: actor.id, teamId: t.id, cohortId: cohort.id, data: { name } }));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (await db.team.findUnique({ where: { cohortId_name: { cohortId, name } }, select: { id: true } })) {
        throw new AppError("CONFLICT", `This cohort already has a team called "${name}".`);
      }
      // Otherwise the random join code collided with another team's: draw again.
      if (attempt >= 4) throw error;
    }
  }
}

/** A new join code for a team; the old one stops working at once. */
export async function rotateJoinCode(actor: Actor, teamId: string) {
  await authorizeTeam(actor, "joinCode.rotate", teamId);
  const db = await getDb();
  for (let attempt = 0; ; attempt++) {
    try {
      const joinCode = newJoinCode();
      const joinCodeExpiresAt = joinCodeExpiry();
      // The code itself stays out of the trail: anyone who reads the trail could otherwise join.
      const { count } = await audited(db, (tx) => tx.team.updateMany({ where: { id: teamId, ...teamScope(actor, "joinCode.rotate") }, data: { joinCode, joinCodeExpiresAt } }), (r) => (r.count ? { type: "joinCode.rotated", actorId: actor.id, teamId, data: { expiresAt: joinCodeExpiresAt.toISOString() } } : null));
      if (count === 0) throw new AppError("NOT_FOUND", "That team does not exist.");
      return { joinCode, joinCodeExpiresAt };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 4) throw error;
    }
  }
}

export async function setMemberDesignation(actor: Actor, userId: string, designation: "NONE" | "TECH_LEAD" | "PROJECT_MANAGER") {
  const { count } = await audited(await getDb(), (tx) => tx.teamMember.updateMany({ where: { userId, team: teamScope(actor, "cohort.manage") }, data: { designation } }), async (r, tx) =>
    r.count ? { type: "designation.changed", actorId: actor.id, teamId: (await tx.teamMember.findUniqueOrThrow({ where: { userId }, select: { teamId: true } })).teamId, subject: userId, data: { designation } } : null);
  if (count > 0) return;
  // Nothing written: say whether the student is unknown or outside the actor's cohorts.
  const member = await (await getDb()).teamMember.findUnique({ where: { userId }, select: { teamId: true } });
  if (!member) throw new AppError("NOT_FOUND", "That student is not on a team.");
  await authorizeTeam(actor, "cohort.manage", member.teamId);
  throw new AppError("NOT_FOUND", "That student is not on a team.");
}

export type JoinLookup =
  | { status: "open"; team: { id: string; name: string; cohort: string } }
  | { status: "unknown" }
  | { status: "expired" }
  | { status: "throttled"; message: string };

/**
 * Public: what a join link shows before the student signs up. Unknown and expired codes count
 * against the client's address like wrong passwords, so codes cannot be guessed by trying them.
 */
export async function lookupJoinCode(code: string, address: string, now = new Date()): Promise<JoinLookup> {
  const key = addressKey(address);
  const throttle = await checkThrottle({ address: key }, now);
  if (throttle.locked) return { status: "throttled", message: `Too many attempts from your network. Try again in ${waitWords(throttle.waitMs)}.` };
  const team = await (await getDb()).team.findUnique({
    where: { joinCode: normalizeJoinCode(code) },
    select: { id: true, name: true, joinCodeExpiresAt: true, cohort: { select: { name: true } } },
  });
  if (!team || team.joinCodeExpiresAt <= now) {
    await recordFailure([{ key, policy: ADDRESS_POLICY }], now);
    return { status: team ? "expired" : "unknown" };
  }
  return { status: "open", team: { id: team.id, name: team.name, cohort: team.cohort.name } };
}

export const JOIN_REFUSED: Record<Exclude<JoinLookup["status"], "open" | "throttled">, string> = {
  unknown: "That join code does not match any team. Check it with your instructor.",
  expired: "This join code has expired. Ask your instructor for a new join link.",
};

export type JoinInput = { code: string; name: string; email: string; password: string };

/**
 * Public: a join code is the invitation; it creates a student account on that team. The answer is
 * the same whether or not the email already has an account (which is left untouched), so a join
 * code cannot be used to find out who has an account.
 */
export async function joinTeamWithCode(input: JoinInput, address: string): Promise<void> {
  const lookup = await lookupJoinCode(input.code, address);
  if (lookup.status === "throttled") throw new AppError("FORBIDDEN", lookup.message);
  if (lookup.status !== "open") throw new AppError("NOT_FOUND", JOIN_REFUSED[lookup.status]);
  const db = await getDb();
  const email = input.email.trim().toLowerCase();
  // Hashed either way, so both answers take as long.
  const passwordHash = await hashPassword(input.password);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return;
  try {
    await audited(db, (tx) => tx.user.create({ data: { email, name: input.name, passwordHash, role: "STUDENT", membership: { create: { teamId: lookup.team.id } } }, select: { id: true } }), (u) => ({ type: "membership.joined", actorId: u.id, teamId: lookup.team.id, subject: u.id, data: { via: "joinCode" } }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // the same email submitted twice at once: one account, same answer
  }
}

// ── Team management ──────────────────────────────────────────────────────────────────────────

/** A team the actor manages, or NOT_FOUND; authorizes first, so another cohort's team is FORBIDDEN. */
async function managedTeam(actor: Actor, teamId: string) {
  await authorizeTeam(actor, "cohort.manage", teamId);
  const team = await (await getDb()).team.findFirst({ where: { id: teamId, ...teamScope(actor, "cohort.manage") }, select: { id: true, name: true, cohortId: true, archivedAt: true } });
  if (!team) throw new AppError("NOT_FOUND", "That team does not exist.");
  return team;
}

export async function renameTeam(actor: Actor, teamId: string, name: string): Promise<{ name: string }> {
  const team = await managedTeam(actor, teamId);
  if (team.name === name) return { name };
  try {
    await audited(await getDb(), (tx) => tx.team.update({ where: { id: team.id }, data: { name } }), () => ({ type: "team.renamed", actorId: actor.id, teamId: team.id, data: { from: team.name, to: name } }));
    return { name };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `This cohort already has a team called "${name}".`);
    throw error;
  }
}

/** Archived teams leave the board and the overview; their members, progress, runs, notes and comments stay. */
export async function setTeamArchived(actor: Actor, teamId: string, archived: boolean): Promise<{ archivedAt: Date | null }> {
  const team = await managedTeam(actor, teamId);
  if ((team.archivedAt !== null) === archived) return { archivedAt: team.archivedAt };
  const archivedAt = archived ? new Date() : null;
  await audited(await getDb(), (tx) => tx.team.update({ where: { id: team.id }, data: { archivedAt } }), () => ({ type: "team.archived", actorId: actor.id, teamId: team.id, data: { archived } }));
  return { archivedAt };
}

/** The team's join code stops working now; drawing a new one (rotateJoinCode) opens joining again. */
export async function expireJoinCode(actor: Actor, teamId: string): Promise<{ joinCodeExpiresAt: Date }> {
  await authorizeTeam(actor, "joinCode.rotate", teamId);
  const joinCodeExpiresAt = new Date();
  const { count } = await audited(await getDb(), (tx) => tx.team.updateMany({ where: { id: teamId, ...teamScope(actor, "joinCode.rotate"), joinCodeExpiresAt: { gt: joinCodeExpiresAt } }, data: { joinCodeExpiresAt } }), (r) => (r.count ? { type: "joinCode.expired", actorId: actor.id, teamId } : null));
  if (count === 0) {
    const team = await (await getDb()).team.findUnique({ where: { id: teamId }, select: { joinCodeExpiresAt: true } });
    if (!team) throw new AppError("NOT_FOUND", "That team does not exist.");
    return { joinCodeExpiresAt: team.joinCodeExpiresAt };
  }
  return { joinCodeExpiresAt };
}

/** The member's team, if the actor manages it (a student elsewhere is NOT_FOUND or FORBIDDEN, as for designations). */
async function managedMember(actor: Actor, userId: string) {
  const member = await (await getDb()).teamMember.findUnique({ where: { userId }, select: { teamId: true, user: { select: { name: true } } } });
  if (!member) throw new AppError("NOT_FOUND", "That student is not on a team.");
  await managedTeam(actor, member.teamId);
  return member;
}

/** Takes a student off their team; their account, and everything they did for the team, stay. */
export async function removeTeamMember(actor: Actor, userId: string): Promise<{ name: string }> {
  const member = await managedMember(actor, userId);
  const { count } = await audited(await getDb(), (tx) => tx.teamMember.deleteMany({ where: { userId, teamId: member.teamId } }), (r) => (r.count ? { type: "membership.removed", actorId: actor.id, teamId: member.teamId, subject: userId } : null));
  if (count === 0) throw new AppError("NOT_FOUND", "That student is not on a team.");
  return { name: member.user.name };
}

/** Moves a student to another team the actor manages; their designation does not travel with them. */
export async function moveTeamMember(actor: Actor, userId: string, toTeamId: string): Promise<{ name: string; team: string }> {
  const member = await managedMember(actor, userId);
  const target = await managedTeam(actor, toTeamId);
  if (member.teamId === target.id) return { name: member.user.name, team: target.name };
  if (target.archivedAt) throw new AppError("CONFLICT", `${target.name} is archived. Restore it first to move students there.`);
  const { count } = await audited(await getDb(), (tx) => tx.teamMember.updateMany({ where: { userId, teamId: member.teamId }, data: { teamId: target.id, designation: "NONE" } }), (r) =>
    r.count ? { type: "membership.moved", actorId: actor.id, teamId: target.id, subject: userId, data: { fromTeamId: member.teamId } } : null,
  );
  if (count === 0) throw new AppError("CONFLICT", `${member.user.name} changed teams a moment ago. Look again.`);
  return { name: member.user.name, team: target.name };
}
