import type { LoadTargetSpec } from "./types";

/** A loadTest check's parameters (structurally: the check kind's module uses this too). */
type LoadTestParams = { id: string; title: string; namespace: string; service: string; port: number; path: string; expectStatus: number; durationSeconds: number; concurrency: number; maxErrorRate: number; maxP95LatencyMs: number };

export const targetOf = (c: LoadTestParams): LoadTargetSpec => ({
  checkId: c.id,
  title: c.title,
  namespace: c.namespace,
  service: c.service,
  port: c.port,
  path: c.path,
  expectStatus: c.expectStatus,
  durationSeconds: c.durationSeconds,
  concurrency: c.concurrency,
  thresholds: { maxErrorRate: c.maxErrorRate, maxP95LatencyMs: c.maxP95LatencyMs },
});
