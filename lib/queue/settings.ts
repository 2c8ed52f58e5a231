import type { Env } from "@/lib/db/config";

export type WorkerSettings = {
  /** Jobs one worker process runs at once; 0: this process runs no worker (a web server only). */
  concurrency: number;
  /** How often a worker proves it is alive and picks up cancel requests. */
  heartbeatMs: number;
  /** A worker silent this long is taken for dead: its runs are retried or marked interrupted. */
  staleMs: number;
  /** How long SIGTERM waits for held jobs to finish before checkpointing them. */
  shutdownMs: number;
  /** How often an idle worker asks the queue for work. */
  pollMs: number;
};

function number(env: Env, name: string, fallback: number, { min, max }: { min: number; max: number }): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
  return value;
}

/** DAYBOOK_WORKER_* and DAYBOOK_QUEUE_POLL_SECONDS; a bad value stops the start-up with its name. */
export function workerSettings(env: Env = process.env): WorkerSettings {
  const heartbeat = number(env, "DAYBOOK_WORKER_HEARTBEAT_SECONDS", 2, { min: 0.2, max: 60 });
  const settings = {
    concurrency: Math.floor(number(env, "DAYBOOK_WORKER_CONCURRENCY", 4, { min: 0, max: 64 })),
    heartbeatMs: heartbeat * 1000,
    staleMs: number(env, "DAYBOOK_WORKER_STALE_SECONDS", Math.max(15, heartbeat * 5), { min: 1, max: 3600 }) * 1000,
    shutdownMs: number(env, "DAYBOOK_WORKER_SHUTDOWN_SECONDS", 25, { min: 0, max: 3600 }) * 1000,
    pollMs: number(env, "DAYBOOK_QUEUE_POLL_SECONDS", 1, { min: 0.5, max: 60 }) * 1000,
  };
  if (settings.staleMs < settings.heartbeatMs * 2) throw new Error("DAYBOOK_WORKER_STALE_SECONDS must be at least twice DAYBOOK_WORKER_HEARTBEAT_SECONDS");
  return settings;
}
