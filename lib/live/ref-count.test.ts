import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { shared } from "./ref-count";

describe("shared (first user starts, a grace period after the last one stops)", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("starts once for many users and stops only after the last one leaves and the grace period passes", () => {
    const start = vi.fn();
    const stop = vi.fn();
    const s = shared(start, stop, 15_000);
    const a = s.acquire();
    const b = s.acquire();
    expect(start).toHaveBeenCalledTimes(1);
    a();
    a();
    expect(s.users).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(stop).not.toHaveBeenCalled();
    b();
    vi.advanceTimersByTime(14_999);
    expect(stop).not.toHaveBeenCalled();
    expect(s.running).toBe(true);
    vi.advanceTimersByTime(1);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(s.running).toBe(false);
  });

  it("keeps running through a reload (a new user within the grace period), and starts again after a stop", () => {
    const start = vi.fn();
    const stop = vi.fn();
    const s = shared(start, stop, 15_000);
    s.acquire()();
    vi.advanceTimersByTime(10_000);
    const again = s.acquire();
    vi.advanceTimersByTime(60_000);
    expect(start).toHaveBeenCalledTimes(1);
    expect(stop).not.toHaveBeenCalled();
    again();
    vi.advanceTimersByTime(15_000);
    expect(stop).toHaveBeenCalledTimes(1);
    s.acquire();
    expect(start).toHaveBeenCalledTimes(2);
  });
});
