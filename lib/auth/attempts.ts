const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 5;
const failures = new Map<string, number[]>();

/** Slows password guessing per account: after 5 failures in 5 minutes, sign-in waits out the window. */
export function lockedForMs(email: string, now = Date.now()): number {
  const recent = (failures.get(email) ?? []).filter((t) => now - t < WINDOW_MS);
  failures.set(email, recent);
  return recent.length >= MAX_FAILURES ? WINDOW_MS - (now - recent[0]!) : 0;
}

export function recordFailure(email: string, now = Date.now()) {
  failures.set(email, [...(failures.get(email) ?? []), now]);
}

export function clearFailures(email: string) {
  failures.delete(email);
}
