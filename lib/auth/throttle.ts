import "server-only";
import { getDb } from "@/lib/db/prisma";
import { ACCOUNT_POLICY, ADDRESS_POLICY, afterFailure, FORGET_AFTER_MS, lockRemainingMs, type ThrottlePolicy, type ThrottleState } from "./throttle-policy";

type Db = Awaited<ReturnType<typeof getDb>>;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

export type Throttled = { locked: false } | { locked: true; waitMs: number; scope: "account" | "address" };

/** Whether the address or the account is locked right now. The address is checked first. */
export async function checkThrottle(keys: { address: string; account?: string }, now = new Date(), db?: Db): Promise<Throttled> {
  db ??= await getDb();
  const ids = [keys.address, ...(keys.account ? [keys.account] : [])];
  const rows = new Map((await db.authThrottle.findMany({ where: { key: { in: ids } } })).map((r) => [r.key, r]));
  const address = lockRemainingMs(rows.get(keys.address) ?? null, now);
  if (address > 0) return { locked: true, waitMs: address, scope: "address" };
  const account = keys.account ? lockRemainingMs(rows.get(keys.account) ?? null, now) : 0;
  if (account > 0) return { locked: true, waitMs: account, scope: "account" };
  return { locked: false };
}

let lastSweep = 0;

/** Counts one failure against each key, atomically per key, so every path and every instance shares the count. */
export async function recordFailure(entries: { key: string; policy: ThrottlePolicy }[], now = new Date(), db?: Db): Promise<void> {
  db ??= await getDb();
  for (const { key, policy } of entries) {
    await db.$transaction(async (tx) => {
      await tx.authThrottle.createMany({ data: [{ key, windowStart: now, updatedAt: now }], skipDuplicates: true });
      const [row] = await tx.$queryRaw<ThrottleState[]>`SELECT "failures", "windowStart", "lockedUntil", "lockouts", "updatedAt" FROM "AuthThrottle" WHERE "key" = ${key} FOR UPDATE`;
      const next = afterFailure(row ?? null, policy, now);
      await tx.authThrottle.update({ where: { key }, data: next });
    });
  }
  // At most once every ten minutes per process.
  if (now.getTime() - lastSweep >= 10 * 60_000) {
    lastSweep = now.getTime();
    await forgetOldEntries(now, db);
  }
}

export async function clearFailures(key: string, db?: Db): Promise<void> {
  db ??= await getDb();
  await db.authThrottle.deleteMany({ where: { key } });
}

/** Deletes what nobody has touched for a day (unknown emails included) and is not locked. */
export async function forgetOldEntries(now = new Date(), db?: Db): Promise<void> {
  db ??= await getDb();
  const cutoff = new Date(now.getTime() - FORGET_AFTER_MS);
  await db.authThrottle.deleteMany({ where: { updatedAt: { lt: cutoff }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] } });
}

export { ACCOUNT_POLICY, ADDRESS_POLICY };

/** Minutes to tell the user, rounded up: "1 minute", "15 minutes". */
export const waitWords = (ms: number) => {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes >= 120 ? `${Math.ceil(minutes / 60)} hours` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
};
