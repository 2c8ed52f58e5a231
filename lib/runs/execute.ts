import "server-only";
import { prepareCheck } from "@/lib/checks/prepare";
import { clusterReads, type ReadMemo } from "@/lib/checks/reads";
import { runChecks } from "@/lib/checks/run-checks";
import { courseSuites } from "@/lib/checks/suites";
import type { CheckResult } from "@/lib/checks/types";
import type { Check, Operation, Step } from "@/lib/course/schema";
import { defaultCourseDir } from "@/lib/course/load";
import { applyObjects, type ObjectOutcome } from "@/lib/k8s/apply";
import { diffObjects, secretSummary } from "@/lib/k8s/diff";
import type { LoadOutcomeLookup } from "@/lib/load/types";
import { ManifestError } from "@/lib/pack/manifests";
import { clusterSettings, type TeamConnection } from "./connection";
import { runOperation } from "./operations";
import { objectsForStep } from "./objects-for-step";
import { fetchPublicUrl } from "./public-url";
import type { ApplyResults, ObjectSummary, OperationResults, VerifyResults } from "./types";

export function summarizeObject(o: ObjectOutcome): ObjectSummary {
  const base: ObjectSummary = { ref: o.ref, namespace: o.namespace, verb: o.verb, ...(o.note ? { note: o.note } : {}) };
  if (o.failure) return { ...base, failure: { kind: o.failure.kind, message: o.failure.message } };
  const shown = o.result ?? o.live;
  return {
    ...base,
    ...(o.verb === "configured" && o.result ? { changes: diffObjects(o.live, o.result) } : {}),
    ...(o.kind === "Secret" && shown ? { keys: secretSummary(shown) } : {}),
  };
}

/** Preview (server-side dry run) or apply the step's manifests for this team. */
export async function applyStep(conn: TeamConnection, step: Step, opts: { dryRun: boolean; force: boolean }): Promise<ApplyResults> {
  let objects;
  try {
    objects = await objectsForStep(step, conn);
  } catch (error) {
    const problem = error instanceof ManifestError ? `The course manifest is not valid: ${error.message}` : `The step's manifests could not be prepared: ${error instanceof Error ? error.message : String(error)}`;
    return { type: "apply", dryRun: opts.dryRun, force: opts.force, objects: [], problem };
  }
  const outcomes = await applyObjects(conn.kc, objects, { dryRun: opts.dryRun, force: opts.force });
  return { type: "apply", dryRun: opts.dryRun, force: opts.force, objects: outcomes.map(summarizeObject) };
}

export const readsFor = (conn: TeamConnection, loadOutcome?: LoadOutcomeLookup, memo?: ReadMemo) =>
  clusterReads(conn.kc, { team: conn.settings, fetchUrl: (url, timeoutMs, host) => fetchPublicUrl(url, clusterSettings().addressPolicy, timeoutMs, host), loadOutcome, memo });

const onceAlreadyPassed = (c: Check, passedBefore: ReadonlySet<string>) => c.observe === "once" && passedBefore.has(c.id);

/** Runs the step's automated checks; a "once" check that passed before is not asked again. */
export async function verifyStep(conn: TeamConnection, step: Step, opts: { passedBefore: ReadonlySet<string>; settleScale?: number; onResult?: (r: CheckResult) => void; signal?: AbortSignal; loadOutcome?: LoadOutcomeLookup; memo?: ReadMemo }): Promise<VerifyResults> {
  const checks = step.checks.filter((c) => c.kind !== "manual" && !onceAlreadyPassed(c, opts.passedBefore)).map((c) => prepareCheck(c, conn.settings));
  const results = await runChecks(readsFor(conn, opts.loadOutcome, opts.memo), checks, { suites: courseSuites(defaultCourseDir()), settleScale: opts.settleScale, onResult: opts.onResult, signal: opts.signal });
  return { type: "verify", checks: results };
}

/** A step's "once" checks not yet seen passing, evaluated right after an operation (without waiting). */
async function observeOnce(conn: TeamConnection, step: Step, passedBefore: ReadonlySet<string>): Promise<CheckResult[]> {
  const pending = step.checks.filter((c) => c.observe === "once" && !passedBefore.has(c.id)).map((c) => prepareCheck(c, conn.settings));
  return pending.length ? runChecks(readsFor(conn), pending, { settleScale: 0 }) : [];
}

export async function operateStep(conn: TeamConnection, step: Step, op: Operation, passedBefore: ReadonlySet<string>): Promise<OperationResults & { ok: boolean; message: string }> {
  const log: string[] = [];
  const outcome = await runOperation(conn, op, (line) => log.push(line));
  const message = outcome.ok ? outcome.value : outcome.message;
  if (outcome.ok) log.push(outcome.value);
  else log.push(`error: ${outcome.message}`);
  const checks = outcome.ok ? await observeOnce(conn, step, passedBefore) : [];
  return { type: "operation", operation: op.id, log, ...(checks.length ? { checks } : {}), ok: outcome.ok, message };
}
