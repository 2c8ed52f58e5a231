import "server-only";
import type { CheckResult } from "@/lib/checks/types";
import type { Operation, Step } from "@/lib/course/schema";
import { serverVersion } from "@/lib/k8s/version";
import { openTeamConnection, type TeamConnection } from "./connection";
import { applyStep, operateStep, verifyStep } from "./execute";
import { executeLoadRun, initialLoadResults, latestLoadOutcomes } from "./load-run";
import { loadRunStore } from "./load-run-store";
import { priorObservations } from "./history";
import { recordRunVerdict } from "./step-status";
import { closeRun, openRun, saveProgress } from "./store";
import type { ApplyResults, RunResults, VerifyResults } from "./types";
import { stepVerdict } from "./verdict";

export type LaunchInput = {
  teamId: string;
  step: Step;
  kind: "PREVIEW" | "APPLY" | "OPERATION" | "VERIFY" | "LOAD";
  operation?: Operation;
  force?: boolean;
  actorId: string | null;
  batchId?: string;
  settleScale?: number;
};

export type Launched = { runId: string; created: boolean; done: Promise<void> };

const running = new Map<string, AbortController>();

/** Asks a running run (in this process) to stop waiting; what it saw so far is kept. */
export function cancelRun(runId: string): boolean {
  const c = running.get(runId);
  c?.abort();
  return c !== undefined;
}

function initialResults(input: LaunchInput): RunResults {
  if (input.kind === "VERIFY") return { type: "verify", checks: [] };
  if (input.kind === "LOAD") return initialLoadResults(input.step);
  if (input.kind === "OPERATION") return { type: "operation", operation: input.operation!.id, log: [] };
  return { type: "apply", dryRun: input.kind === "PREVIEW", force: input.force ?? false, objects: [] };
}

function applySummary(r: ApplyResults): { status: "PASSED" | "FAILED"; summary: string } {
  if (r.problem) return { status: "FAILED", summary: r.problem };
  const count = (v: string) => r.objects.filter((o) => o.verb === v).length;
  const would = r.dryRun ? "would be " : "";
  const parts = [`${count("created")} ${would}created`, `${count("configured")} ${would}changed`, `${count("unchanged")} unchanged`];
  const failed = r.objects.filter((o) => o.verb === "failed");
  if (failed.length === 0) return { status: "PASSED", summary: parts.join(", ") };
  const applied = r.dryRun ? "" : `; ${r.objects.length - failed.length} of ${r.objects.length} applied`;
  return { status: "FAILED", summary: `${failed.length} ${r.dryRun ? "would fail" : "failed"} (${failed.map((f) => f.ref).join(", ")})${applied}` };
}

async function execute(input: LaunchInput, runId: string, conn: TeamConnection, signal: AbortSignal): Promise<void> {
  const version = await serverVersion(conn.kc);
  const serverVersionText = version.ok ? version.value.gitVersion : undefined;
  if (input.kind === "PREVIEW" || input.kind === "APPLY") {
    const results = await applyStep(conn, input.step, { dryRun: input.kind === "PREVIEW", force: input.force ?? false });
    await closeRun(runId, { ...applySummary(results), results, serverVersion: serverVersionText });
    return;
  }
  if (input.kind === "LOAD") return executeLoadRun(input, loadRunStore(runId, input), conn, signal, serverVersionText);
  const prior = await priorObservations(input.teamId, input.step.id);
  if (input.kind === "OPERATION") {
    const { ok: succeeded, message, ...results } = await operateStep(conn, input.step, input.operation!, prior.passedBefore);
    await closeRun(runId, { status: succeeded ? "PASSED" : "FAILED", summary: message, results, serverVersion: serverVersionText });
    return;
  }
  const seen: CheckResult[] = [];
  let saving = Promise.resolve();
  const results: VerifyResults = await verifyStep(conn, input.step, {
    passedBefore: prior.passedBefore,
    settleScale: input.settleScale,
    signal,
    loadOutcome: await latestLoadOutcomes(input.teamId, input.step.id),
    onResult: (r) => {
      seen.push(r);
      const progress: VerifyResults = { type: "verify", checks: [...seen] };
      saving = saving.then(() => saveProgress(runId, progress, `${seen.length} checks done`));
    },
  });
  await saving;
  const verdict = stepVerdict({ checks: input.step.checks, results: results.checks, previous: prior.status, passedBefore: prior.passedBefore, attested: prior.attested });
  const status = signal.aborted ? "CANCELLED" : verdict.status === "VERIFIED" || verdict.status === "ATTESTED" ? "PASSED" : verdict.status ? "FAILED" : results.checks.some((c) => c.status === "error") ? "ERROR" : "FAILED";
  await closeRun(runId, { status, summary: signal.aborted ? `Cancelled: ${verdict.summary}` : verdict.summary, results: { ...results, verdict }, serverVersion: serverVersionText });
  if (verdict.status && !signal.aborted) await recordRunVerdict(input.teamId, input.step.id, verdict.status, runId, input.actorId);
}

/**
 * Starts a run of the step for the team, unless one is already active (then that one is returned). The
 * run goes on in this server process; its progress and outcome are stored as it goes.
 */
export async function launchRun(input: LaunchInput): Promise<Launched> {
  const conn = await openTeamConnection(input.teamId);
  const opened = await openRun({
    teamId: input.teamId,
    stepId: input.step.id,
    kind: input.kind,
    operationId: input.operation?.id,
    startedById: input.actorId,
    clusterServer: conn.ok ? conn.value.server : undefined,
    batchId: input.batchId,
    results: initialResults(input),
  });
  if (!opened.created) {
    if (conn.ok) conn.value.kc.close();
    return { runId: opened.id, created: false, done: Promise.resolve() };
  }
  const controller = new AbortController();
  running.set(opened.id, controller);
  const done = (async () => {
    try {
      if (!conn.ok) {
        await closeRun(opened.id, { status: "ERROR", summary: conn.message, results: initialResults(input) });
        return;
      }
      await execute(input, opened.id, conn.value, controller.signal);
    } catch (error) {
      console.error("[daybook] run failed", opened.id, error);
      await closeRun(opened.id, { status: "ERROR", summary: `Daybook could not finish this run: ${error instanceof Error ? error.message : String(error)}`, results: initialResults(input) }).catch(() => undefined);
    } finally {
      running.delete(opened.id);
      if (conn.ok) conn.value.kc.close();
    }
  })();
  return { runId: opened.id, created: true, done };
}
