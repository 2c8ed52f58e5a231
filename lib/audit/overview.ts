import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan, can } from "@/lib/authz/permissions";
import { relationsToCohort } from "@/lib/data/relations";
import { getDb } from "@/lib/db/prisma";
import { prismaChainSource } from "./source";
import { verifyChain, type ChainReport } from "./verify";

export type AuditEventView = { seq: number; at: Date; type: string; actor: string | null; team: string | null; subject: string | null; data: string; hash: string };

/**
 * The whole chain verified now, and (for a cohort the actor teaches) its latest events. Sign-in
 * failures and other events without a cohort are verified but listed only by `npm run audit:verify`.
 */
export async function getAuditOverview(actor: Actor, cohortId: string | undefined, limit = 50): Promise<{ report: ChainReport; events: AuditEventView[] | null }> {
  assertCan(actor.role, "audit.verify");
  const db = await getDb();
  const report = await verifyChain(prismaChainSource(db));
  if (!cohortId || !can(actor.role, "audit.read", await relationsToCohort(actor, cohortId))) return { report, events: null };
  const rows = await db.auditEvent.findMany({ where: { cohortId }, orderBy: { seq: "desc" }, take: limit });
  const userIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const teamIds = [...new Set(rows.map((r) => r.teamId).filter((x): x is string => !!x))];
  const [users, teams] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
    db.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  return {
    report,
    events: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      type: r.type,
      actor: r.actorId ? (userName.get(r.actorId) ?? "a deleted user") : null,
      team: r.teamId ? (teamName.get(r.teamId) ?? "a deleted team") : null,
      subject: r.subject,
      data: r.data,
      hash: r.hash,
    })),
  };
}
