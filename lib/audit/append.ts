import type { Prisma } from "@/lib/generated/prisma/client";
import { canonicalJson } from "./canonical";
import { eventHash } from "./hash";
import type { AuditInput } from "./types";

/**
 * Appends one event to the audit trail, inside the caller's transaction, so the event exists exactly
 * when the change it records does. Call it last in the transaction: it takes the chain head's row
 * lock, which every other append then waits for until this transaction ends (that wait is what keeps
 * the chain from forking; the database's insert trigger checks the link again).
 */
export async function appendAudit(tx: Prisma.TransactionClient, event: AuditInput): Promise<{ seq: number; hash: string }> {
  const teamId = event.teamId ?? null;
  const cohortId = event.cohortId !== undefined ? event.cohortId : teamId ? ((await tx.team.findUnique({ where: { id: teamId }, select: { cohortId: true } }))?.cohortId ?? null) : null;
  const [head] = await tx.$queryRaw<{ seq: number; hash: string }[]>`SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1 FOR UPDATE`;
  if (!head) throw new Error("The audit chain head is missing: the database was not migrated.");
  const fields = {
    at: new Date(),
    type: event.type,
    actorId: event.actorId ?? null,
    teamId,
    cohortId,
    subject: event.subject ?? null,
    data: canonicalJson(event.data ?? {}),
    prevHash: head.hash,
  };
  const hash = eventHash(fields);
  const seq = head.seq + 1;
  await tx.auditEvent.create({ data: { seq, ...fields, hash } });
  return { seq, hash };
}

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
