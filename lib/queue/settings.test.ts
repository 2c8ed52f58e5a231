import { describe, expect, it } from "vitest";
import { workerSettings } from "./settings";

describe("worker settings", () => {
  it("defaults to four jobs at once, a beat every 2 s and death after 15 s of silence", () => {
    expect(workerSettings({})).toEqual({ concurrency: 4, heartbeatMs: 2000, staleMs: 15_000, shutdownMs: 25_000, pollMs: 1000 });
  });
  it("reads the variables, and 0 workers means a web server only", () => {
    expect(workerSettings({ DAYBOOK_WORKER_CONCURRENCY: "0", DAYBOOK_WORKER_HEARTBEAT_SECONDS: "0.5", DAYBOOK_WORKER_STALE_SECONDS: "3" })).toMatchObject({ concurrency: 0, heartbeatMs: 500, staleMs: 3000 });
  });
  it("names the variable a bad value came from", () => {
    expect(() => workerSettings({ DAYBOOK_WORKER_CONCURRENCY: "lots" })).toThrow(/DAYBOOK_WORKER_CONCURRENCY must be a number from 0 to 64 \(got "lots"\)/);
    expect(() => workerSettings({ DAYBOOK_QUEUE_POLL_SECONDS: "0.1" })).toThrow(/DAYBOOK_QUEUE_POLL_SECONDS/);
    expect(() => workerSettings({ DAYBOOK_WORKER_HEARTBEAT_SECONDS: "5", DAYBOOK_WORKER_STALE_SECONDS: "6" })).toThrow(/at least twice/);
  });
});
