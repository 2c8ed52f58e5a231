import "server-only";
import type { Step } from "@/lib/course/schema";
import { getDb } from "@/lib/db/prisma";
import { connectionCap, scaledDurationMs, stepLoadTargets, timeScale } from "@/lib/load/plan";
import { runLoadTests } from "@/lib/load/run-load";
import type { LoadOutcome, LoadOutcomeLookup, LoadState } from "@/lib/load/types";
import type { TeamConnection } from "./connection";
import { readsFor, verifyStep } from "./execute";
import { priorObservations } from "./history";
import type { RunStatus } from "@/lib/generated/prisma/client";
import type { LoadRunResults } from "./types";
import { loadProgressSummary } from "./summaries";
import { stepVerdict, type StepVerdict } from "./verdict";

export function initialLoadResults(step: Step): LoadRunResults {
  const scale = timeScale();
  const targets = stepLoadTargets(step);
  return { type: "load", checks: [], load: { phase: "starting", timeScale: scale, plannedMs: Math.max(0, ...targets.map((t) => scaledDurationMs(t.durationSeconds, scale))), elapsedMs: 0, targets: [] } };
}

const lookupIn = (state: LoadState, extra: Partial<LoadOutcome> = {}): LoadOutcomeLookup => {
  const byId = new Map(state.targets.map((t) => [t.spec.checkId, t]));
  return async (checkId) => {
    const target = byId.get(checkId);
    return target ? { target, timeScale: state.timeScale, ...extra } : undefined;
  };
};

/** For a verification: the step's latest finished performance test is what its load checks judge. */
export async function latestLoadOutcomes(teamId: string, stepId: string): Promise<LoadOutcomeLookup> {
  const runs = await (await getDb()).run.findMany({ where: { teamId, stepId, kind: "LOAD", status: { in: ["PASSED", "FAILED", "ERROR"] } }, orderBy: { startedAt: "desc" }, take: 5, select: { results: true, finishedAt: true } });
  const last = runs.find((r) => (r.results as unknown as LoadRunResults).load?.phase === "done");
  if (!last) return async () => undefined;
  return lookupIn((last.results as unknown as LoadRunResults).load, { measuredAt: last.finishedAt?.toISOString() });
}

/**
 * Where a performance test's run is stored: progress as it goes, then the outcome with the step's verdict
 * (recorded with it). The queue worker's (run-job.ts) writes through its lease.
 */
export type LoadRunSink = {
  save(results: LoadRunResults, summary: string): Promise<void>;
  close(outcome: { status: RunStatus; summary: string; results: LoadRunResults; serverVersion?: string }, verdict?: NonNullable<StepVerdict["status"]>): Promise<void>;
};

/**
 * The performance test as a run kind: the load (progress stored about once a second, so a reload, a
 * teammate and the instructor see it), then every check of the step judged with what it measured, and the
 * step's verdict recorded as a verification would. A cancelled test keeps its partial measurement, unjudged.
 */
export async function executeLoadRun(input: { teamId: string; step: Step; settleScale?: number }, sink: LoadRunSink, conn: TeamConnection, signal: AbortSignal, serverVersion?: string): Promise<void> {
  let latest: LoadState | undefined;
  let saving: Promise<void> | undefined;
  const save = () => {
    if (saving || !latest) return;
    const state = latest;
    latest = undefined;
    saving = sink
      .save({ type: "load", load: state, checks: [] }, loadProgressSummary(state))
      .catch((error: unknown) => console.error("[daybook] load progress not saved", input.teamId, input.step.id, error))
      .finally(() => {
        saving = undefined;
        save();
      });
  };
  const load = await runLoadTests(conn.kc, readsFor(conn), stepLoadTargets(input.step, conn.settings), {
    timeScale: timeScale(),
    maxConnections: connectionCap(),
    signal,
    onProgress: (state) => {
      latest = { ...state, phase: state.phase === "done" ? "judging" : state.phase };
      save();
    },
  });
  while (saving) await saving;
  if (signal.aborted) {
    await sink.close({ status: "CANCELLED", summary: `Cancelled after ${loadProgressSummary(load)}`, results: { type: "load", load, checks: [] }, serverVersion });
    return;
  }
  const prior = await priorObservations(input.teamId, input.step.id);
  const verified = await verifyStep(conn, input.step, { passedBefore: prior.passedBefore, loadOutcome: lookupIn(load), settleScale: input.settleScale, signal });
  // Stopped while judging: the checks it got to are kept, but a verdict from part of them is none.
  if (signal.aborted) {
    await sink.close({ status: "CANCELLED", summary: `Cancelled while judging the step after ${loadProgressSummary(load)}`, results: { type: "load", load, checks: verified.checks }, serverVersion });
    return;
  }
  const verdict = stepVerdict({ checks: input.step.checks, results: verified.checks, previous: prior.status, passedBefore: prior.passedBefore, attested: prior.attested });
  const status = verdict.status === "VERIFIED" ? "PASSED" : verdict.status ? "FAILED" : verified.checks.some((c) => c.status === "error") ? "ERROR" : "FAILED";
  await sink.close({ status, summary: verdict.summary, results: { type: "load", load, checks: verified.checks, verdict }, serverVersion }, verdict.status ?? undefined);
}
