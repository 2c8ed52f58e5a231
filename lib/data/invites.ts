import "server-only";
import { appendAudit, audited } from "@/lib/audit/append";
import type { Actor } from "@/lib/auth/session";
import { hashPassword } from "@/lib/auth/password";
import { addressKey, ADDRESS_POLICY, checkThrottle, recordFailure, waitWords } from "@/lib/auth/throttle";
import { ROLE_LABEL } from "@/lib/authz/roles";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { authorizeCohort } from "./access";
import { isUniqueViolation } from "./db-errors";
import { joinCodeExpiry, newJoinCode } from "./join-code";
import { cohortScope } from "./scope";

export type InviteRole = "INSTRUCTOR" | "STAKEHOLDER";
const AS: Record<InviteRole, string> = { INSTRUCTOR: "teach", STAKEHOLDER: "follow" };

export type CohortPeople = {
  owner: { id: string; name: string; email: string };
  instructors: { id: string; name: string; email: string }[];
  stakeholders: { id: string; name: string; email: string }[];
  invites: { id: string; email: string; role: InviteRole; code: string; expiresAt: Date }[];
};

/** Who teaches and follows the cohort, and invitations not taken up yet (with emails: for its instructors only). */
export async function getCohortPeople(actor: Actor, cohortId: string, now = new Date()): Promise<CohortPeople> {
  await authorizeCohort(actor, "cohort.manage", cohortId);
  const person = { select: { id: true, name: true, email: true } } as const;
  const cohort = await (await getDb()).cohort.findFirst({
    where: { id: cohortId, ...cohortScope(actor, "cohort.manage") },
    select: {
      instructor: person,
      coInstructors: { orderBy: { addedAt: "asc" }, select: { user: person } },
      stakeholders: { select: { user: person } },
      invites: { where: { acceptedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "asc" }, select: { id: true, email: true, role: true, code: true, expiresAt: true } },
    },
  });
  if (!cohort) throw new AppError("NOT_FOUND", "That cohort does not exist.");
  return {
    owner: cohort.instructor,
    instructors: cohort.coInstructors.map((c) => c.user),
    stakeholders: cohort.stakeholders.map((s) => s.user).sort((a, b) => a.name.localeCompare(b.name)),
    invites: cohort.invites.map((i) => ({ ...i, role: i.role as InviteRole })),
  };
}

export type InviteOutcome = { kind: "added"; name: string } | { kind: "already"; name: string } | { kind: "invited"; email: string; code: string; expiresAt: Date };

/**
 * Adds someone to teach or follow the cohort. An account that exists (with the matching role) is added
 * at once; for a new email an invitation link is drawn, like a team's join link. Inviting the same email
 * again draws a new link; the old one stops working.
 */
export async function inviteToCohort(actor: Actor, input: { cohortId: string; email: string; role: InviteRole }): Promise<InviteOutcome> {
  await authorizeCohort(actor, "cohort.manage", input.cohortId);
  const db = await getDb();
  const cohort = await db.cohort.findFirst({ where: { id: input.cohortId, ...cohortScope(actor, "cohort.manage") }, select: { id: true, name: true, instructorId: true } });
  if (!cohort) throw new AppError("NOT_FOUND", "That cohort does not exist.");
  const email = input.email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, role: true } });
  if (user) {
    if (user.role !== input.role) {
      throw new AppError("CONFLICT", `${email} already has a ${ROLE_LABEL[user.role].toLowerCase()} account, which cannot ${AS[input.role]} a cohort as ${ROLE_LABEL[input.role].toLowerCase()}.`);
    }
    if (user.id === cohort.instructorId) return { kind: "already", name: user.name };
    try {
      await audited(db, (tx) => (input.role === "INSTRUCTOR" ? tx.cohortInstructor.create({ data: { cohortId: cohort.id, userId: user.id } }) : tx.cohortStakeholder.create({ data: { cohortId: cohort.id, userId: user.id } })), () => ({
        type: "cohort.invited",
        actorId: actor.id,
        cohortId: cohort.id,
        subject: user.id,
        data: { role: input.role, added: true },
      }));
    } catch (error) {
      if (isUniqueViolation(error)) return { kind: "already", name: user.name };
      throw error;
    }
    return { kind: "added", name: user.name };
  }
  const invite = { role: input.role, code: newJoinCode(24), invitedById: actor.id, expiresAt: joinCodeExpiry(), acceptedAt: null, createdAt: new Date() };
  // The trail names the role, not the email or the code: an invitation is a credential until it is used.
  const row = await audited(db, (tx) => tx.cohortInvite.upsert({
    where: { cohortId_email: { cohortId: cohort.id, email } },
    create: { cohortId: cohort.id, email, ...invite },
    update: invite,
    select: { code: true, expiresAt: true },
  }), (r) => ({ type: "cohort.invited", actorId: actor.id, cohortId: cohort.id, data: { role: input.role, added: false, expiresAt: r.expiresAt.toISOString() } }));
  return { kind: "invited", email, ...row };
}

export type InviteLookup =
  | { status: "open"; invite: { email: string; role: InviteRole; cohort: string; invitedBy: string } }
  | { status: "unknown" | "expired" | "used" }
  | { status: "throttled"; message: string };

export const INVITE_REFUSED = {
  unknown: "This invitation link does not match any invitation. Check it with the instructor who sent it.",
  expired: "This invitation has expired. Ask the instructor for a new one.",
  used: "This invitation has been used. Sign in with the account it created.",
} as const;

/** Public: what an invitation link shows. Unknown and expired codes count against the address, like join codes. */
export async function lookupInvite(code: string, address: string, now = new Date()): Promise<InviteLookup> {
  const key = addressKey(address);
  const throttle = await checkThrottle({ address: key }, now);
  if (throttle.locked) return { status: "throttled", message: `Too many attempts from your network. Try again in ${waitWords(throttle.waitMs)}.` };
  const row = await (await getDb()).cohortInvite.findUnique({
    where: { code: code.trim().toUpperCase() },
    select: { email: true, role: true, expiresAt: true, acceptedAt: true, cohort: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
  if (!row || row.expiresAt <= now) {
    await recordFailure([{ key, policy: ADDRESS_POLICY }], now);
    return { status: row ? "expired" : "unknown" };
  }
  if (row.acceptedAt) return { status: "used" };
  return { status: "open", invite: { email: row.email, role: row.role as InviteRole, cohort: row.cohort.name, invitedBy: row.invitedBy.name } };
}

/**
 * Public: takes up an invitation, creating the account it was sent to. If that email has an account by
 * now (with the invited role) it is added to the cohort and left as it is; the answer is the same.
 */
export async function acceptInvite(input: { code: string; name: string; password: string }, address: string): Promise<void> {
  const lookup = await lookupInvite(input.code, address);
  if (lookup.status === "throttled") throw new AppError("FORBIDDEN", lookup.message);
  if (lookup.status !== "open") throw new AppError("NOT_FOUND", INVITE_REFUSED[lookup.status]);
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    // Taken once: a second submit (or a second tab) finds it used and changes nothing.
    const taken = await tx.cohortInvite.updateMany({ where: { code: input.code.trim().toUpperCase(), acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (taken.count === 0) throw new AppError("NOT_FOUND", INVITE_REFUSED.used);
    const invite = await tx.cohortInvite.findUniqueOrThrow({ where: { code: input.code.trim().toUpperCase() }, select: { cohortId: true, email: true, role: true } });
    const existing = await tx.user.findUnique({ where: { email: invite.email }, select: { id: true, role: true } });
    if (existing && existing.role !== invite.role) return;
    const userId = existing?.id ?? (await tx.user.create({ data: { email: invite.email, name: input.name, passwordHash, role: invite.role }, select: { id: true } })).id;
    if (invite.role === "INSTRUCTOR") {
      await tx.cohortInstructor.upsert({ where: { cohortId_userId: { cohortId: invite.cohortId, userId } }, create: { cohortId: invite.cohortId, userId }, update: {} });
    } else {
      await tx.cohortStakeholder.upsert({ where: { cohortId_userId: { cohortId: invite.cohortId, userId } }, create: { cohortId: invite.cohortId, userId }, update: {} });
    }
    await appendAudit(tx, { type: "invite.accepted", actorId: userId, cohortId: invite.cohortId, subject: userId, data: { role: invite.role, newAccount: !existing } });
  });
}
