import type { Prisma } from "@/lib/generated/prisma/client";
import { BoundedCache } from "@/lib/auth/bounded-cache";
import { canonicalJson } from "./canonical";
import { eventHash } from "./hash";
import type { AuditInput } from "./types";

type Tx = Prisma.TransactionClient;

// A team never changes cohort, so its cohort is looked up once per process (events name it for filtering).
const cohortOfTeam = new BoundedCache<string, string>(10_000);

async function cohortsOf(tx: Tx, events: AuditInput[]): Promise<Map<string, string>> {
  const unknown = [...new Set(events.filter((e) => e.cohortId === undefined && e.teamId && !cohortOfTeam.get(e.teamId)).map((e) => e.teamId!))];
  if (unknown.length) for (const t of await tx.team.findMany({ where: { id: { in: unknown } }, select: { id: true, cohortId: true } })) cohortOfTeam.set(t.id, t.cohortId);
  return new Map(events.flatMap((e) => (e.teamId && cohortOfTeam.get(e.teamId) ? [[e.teamId, cohortOfTeam.get(e.teamId)!] as const] : [])));
}

/**
 * Appends events to the audit trail, in order, inside the caller's transaction, so each event exists
 * exactly when the change it records does. Call it last in the transaction: it takes the chain head's row
 * lock, which every other append then waits for until this transaction ends (that wait is what keeps
 * the chain from forking; the database's insert trigger checks each link again).
 */
export async function appendAudits(tx: Tx, events: AuditInput[]): Promise<{ seq: number; hash: string }> {
  const cohorts = await cohortsOf(tx, events);
  const [head] = await tx.$queryRaw<{ seq: number; hash: string }[]>`SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1 FOR UPDATE`;
  if (!head) throw new Error("The audit chain head is missing: the database was not migrated.");
  let last = head;
  const rows = events.map((event) => {
    const teamId = event.teamId ?? null;
    const fields = {
      at: new Date(),
      type: event.type,
      actorId: event.actorId ?? null,
      teamId,
      cohortId: event.cohortId !== undefined ? event.cohortId : teamId ? (cohorts.get(teamId) ?? null) : null,
      subject: event.subject ?? null,
      data: canonicalJson(event.data ?? {}),
      prevHash: last.hash,
    };
    last = { seq: last.seq + 1, hash: eventHash(fields) };
    return { seq: last.seq, ...fields, hash: last.hash };
  });
  if (rows.length === 1) await tx.auditEvent.create({ data: rows[0]! });
  else if (rows.length > 1) await tx.auditEvent.createMany({ data: rows });
  return last;
}

/** Appends one event (appendAudits). */
export const appendAudit = (tx: Tx, event: AuditInput): Promise<{ seq: number; hash: string }> => appendAudits(tx, [event]);

type Transactional = { $transaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> };

/**
 * Runs one write and appends the event describing it in the same transaction. `event` may look up
 * what the event needs through the transaction, or return null when the write changed nothing.
 */
export function audited<T>(db: Transactional, write: (tx: Prisma.TransactionClient) => Promise<T>, event: (result: T, tx: Prisma.TransactionClient) => AuditInput | null | Promise<AuditInput | null>): Promise<T> {
  return db.$transaction(async (tx) => {
    const result = await write(tx);
    const e = await event(result, tx);
    if (e) await appendAudit(tx, e);
    return result;
  });
}
