/** One throttled key's stored state (a row of AuthThrottle). */
export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null; lockouts: number; updatedAt: Date };

export type ThrottlePolicy = {
  /** Failures within `windowMs` that start a lock. */
  maxFailures: number;
  windowMs: number;
  /** The first lock's length; each further lock doubles it, up to `maxLockMs`. */
  firstLockMs: number;
  maxLockMs: number;
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Per account: 5 wrong passwords in 15 minutes lock it for 1 minute, then 2, 4, 8, at most 15. */
export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * MINUTE, firstLockMs: MINUTE, maxLockMs: 15 * MINUTE };

/**
 * Per client address, across accounts and join codes: 20 failures in 15 minutes block the address for
 * 15 minutes, then 30, 60, … at most a day. Attempts on a locked account count here, so one address
 * cannot keep an account locked: it is blocked itself long before, and for ever longer.
 */
export const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 20, windowMs: 15 * MINUTE, firstLockMs: 15 * MINUTE, maxLockMs: DAY };

/** Rows untouched this long are forgotten (unknown emails included), and so are their earlier locks. */
export const FORGET_AFTER_MS = DAY;

export function lockRemainingMs(state: ThrottleState | null, now: Date): number {
  return state?.lockedUntil ? Math.max(0, state.lockedUntil.getTime() - now.getTime()) : 0;
}

/** The state after one more failure at `now`. A failure while locked changes nothing, so it never extends the lock. */
export function afterFailure(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): ThrottleState {
  if (state && lockRemainingMs(state, now) > 0) return state;
  const t = now.getTime();
  const forgotten = !state || t - state.updatedAt.getTime() >= FORGET_AFTER_MS;
  const lockouts = forgotten ? 0 : state.lockouts;
  const freshWindow = forgotten || t - state.windowStart.getTime() >= policy.windowMs || state.lockedUntil !== null;
  const failures = freshWindow ? 1 : state.failures + 1;
  const windowStart = freshWindow ? now : state.windowStart;
  if (failures < policy.maxFailures) return { failures, windowStart, lockedUntil: null, lockouts, updatedAt: now };
  const lockMs = Math.min(policy.firstLockMs * 2 ** lockouts, policy.maxLockMs);
  return { failures, windowStart, lockedUntil: new Date(t + lockMs), lockouts: lockouts + 1, updatedAt: now };
}
