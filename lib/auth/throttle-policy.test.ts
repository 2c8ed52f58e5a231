import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, ADDRESS_POLICY, afterFailure, lockRemainingMs, type ThrottleState } from "./throttle-policy";

const MINUTE = 60_000;

describe("throttle policy", () => {
  it("locks an account after 5 failures, for 1, 2, 4, 8 and then at most 15 minutes", () => {
    let state: ThrottleState | null = null;
    let now = 0;
    const locks: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < ACCOUNT_POLICY.maxFailures; i++) state = afterFailure(state, ACCOUNT_POLICY, new Date((now += 1000)));
      const lock = lockRemainingMs(state, new Date(now));
      locks.push(lock / MINUTE);
      now += lock;
    }
    expect(locks).toEqual([1, 2, 4, 8, 15, 15]);
  });

  it("does not extend a lock for failures made while locked", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 5; i++) state = afterFailure(state, ACCOUNT_POLICY, new Date(i));
    const until = state!.lockedUntil!.getTime();
    for (let i = 0; i < 50; i++) state = afterFailure(state, ACCOUNT_POLICY, new Date(1000 + i));
    expect(state!.lockedUntil!.getTime()).toBe(until);
  });

  it("forgets failures outside the window, and earlier locks after a quiet day", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) state = afterFailure(state, ACCOUNT_POLICY, new Date(i * 5 * MINUTE));
    expect(state!.failures).toBe(1); // the window is 15 minutes: only the last failure counts
    for (let i = 0; i < 5; i++) state = afterFailure(state, ACCOUNT_POLICY, new Date(20 * MINUTE + i));
    expect(state!.lockouts).toBe(1);
    state = afterFailure(state, ACCOUNT_POLICY, new Date(2 * 24 * 60 * MINUTE));
    expect(state).toMatchObject({ failures: 1, lockouts: 0, lockedUntil: null });
  });

  it("keeps a stranger from holding an account locked: one address hammering it for six hours locks it a small fraction of the time", () => {
    let account: ThrottleState | null = null;
    let address: ThrottleState | null = null;
    let lockedSeconds = 0;
    let longestLock = 0;
    const hours = 6;
    for (let second = 0; second < hours * 3600; second++) {
      const now = new Date(second * 1000);
      const accountLock = lockRemainingMs(account, now);
      if (accountLock > 0) lockedSeconds++;
      longestLock = Math.max(longestLock, accountLock);
      // The attacker's guess, handled as authorizeCredentials does: a blocked address stops here.
      if (lockRemainingMs(address, now) > 0) continue;
      if (accountLock > 0) {
        address = afterFailure(address, ADDRESS_POLICY, now);
        continue;
      }
      account = afterFailure(account, ACCOUNT_POLICY, now);
      address = afterFailure(address, ADDRESS_POLICY, now);
    }
    expect(longestLock).toBeLessThanOrEqual(ACCOUNT_POLICY.maxLockMs);
    expect(lockedSeconds / (hours * 3600)).toBeLessThan(0.1);
    // ... and the address itself is blocked for ever longer.
    expect(address!.lockouts).toBeGreaterThanOrEqual(4);
  });
});
