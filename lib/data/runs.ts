import "server-only";
import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import type { CheckResult } from "@/lib/checks/types";
import { findStep, loadCourse } from "@/lib/course/load";
import type { Step } from "@/lib/course/schema";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { StepStatus } from "@/lib/progress/compute";
import { stepGate, type Gate } from "@/lib/runs/gate";
import { priorObservations, sinceLastReset } from "@/lib/runs/history";
import { batchProgress, enqueueBatch, type BatchProgress } from "@/lib/runs/batch";
import { cancelRun, launchRun } from "@/lib/runs/launch";
import { recordRunVerdict } from "@/lib/runs/step-status";
import { stepLoadTargets } from "@/lib/load/plan";
import type { ApplyResults, AttestResults, LoadRunResults, RunResults, VerifyResults } from "@/lib/runs/types";
import { stepVerdict } from "@/lib/runs/verdict";
import { waitForBatch } from "@/lib/runs/wait";
import type { TAttestStep, TStartRun } from "@/lib/validations/run";
import { audited } from "@/lib/audit/append";
import { authorizeTeam } from "./access";
import { readEngineRuns, readTeamGateState, RECENT_RUNS, type EngineRunClass, type EngineRunRow } from "./step-engine-rows";

export type RunListItem = {
  id: string;
  kind: string;
  operationId: string | null;
  status: string;
  summary: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  startedBy: string | null;
};

export type GateView = { open: true; via: string } | { open: false; blockedByNumber: string; reason: string };

export type StepEngine = {
  connected: boolean;
  server: string | null;
  namespace: string;
  status: StepStatus;
  gate: GateView;
  runs: RunListItem[];
  active: RunListItem | null;
  latestVerify: (RunListItem & { checks: CheckResult[] }) | null;
  latestPreview: (RunListItem & { results: ApplyResults }) | null;
  latestApply: (RunListItem & { results: ApplyResults }) | null;
  attestations: { checkId: string; by: string | null; at: string; fields: Record<string, string> }[];
  may: { apply: boolean; verify: boolean; attest: boolean; override: boolean };
};

const RUN_SELECT = { id: true, kind: true, operationId: true, status: true, summary: true, startedAt: true, finishedAt: true, durationMs: true, startedBy: { select: { name: true } } } as const;

type RunRow = { id: string; kind: string; operationId: string | null; status: string; summary: string; startedAt: Date; finishedAt: Date | null; durationMs: number | null; startedBy: { name: string } | null };

const listItem = (r: RunRow): RunListItem => ({ id: r.id, kind: r.kind, operationId: r.operationId, status: r.status, summary: r.summary, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null, durationMs: r.durationMs, startedBy: r.startedBy?.name ?? null });

function stepOrThrow(stepId: string): Step {
  const step = findStep(loadCourse(), stepId);
  if (!step) throw new AppError("NOT_FOUND", `There is no step ${stepId} in this course.`);
  return step;
}

const gateView = (g: Gate): GateView => (g.open ? { open: true, via: g.via } : { open: false, blockedByNumber: g.blockedBy.number, reason: g.reason });

async function gateFor(teamId: string, stepId: string): Promise<Gate> {
  const { statuses, overrides } = await readTeamGateState(teamId);
  return stepGate(loadCourse(), stepId, statuses, overrides);
}

const engineItem = (r: EngineRunRow): RunListItem => listItem({ ...r, startedBy: r.startedBy === null ? null : { name: r.startedBy } });

/** Everything the step page shows about the engine for one team's step; every part is scoped to the actor. Two queries besides the actor's relations. */
export async function getStepEngine(actor: Actor, teamId: string, stepId: string): Promise<StepEngine> {
  const relations = await authorizeTeam(actor, "run.read", teamId);
  stepOrThrow(stepId);
  const [rows, team] = await Promise.all([readEngineRuns(teamId, stepId), readTeamGateState(teamId)]);
  const runs = rows.filter((r) => r.recent <= RECENT_RUNS);
  const latestOf = (c: EngineRunClass) => rows.find((r) => r.class === c && r.latest === 1);
  const [lastVerify, lastPreview, lastApply] = [latestOf("verify"), latestOf("preview"), latestOf("apply")];
  const active = runs.find((r) => r.status === "RUNNING");
  // A performance test ends by judging the step's checks too: its results carry them like a verification's.
  const verify = lastVerify?.results as VerifyResults | LoadRunResults | undefined;
  const attestations = rows.filter((r) => r.class === "attest").reverse().flatMap((a) => (a.results as AttestResults).attestations.map((x) => ({ checkId: x.checkId, by: a.startedBy, at: a.startedAt.toISOString(), fields: x.fields })));
  return {
    connected: team.cluster !== null,
    server: team.cluster?.server ?? null,
    namespace: team.cluster?.namespace ?? "ecommerce",
    status: team.statuses.get(stepId) ?? "NOT_STARTED",
    gate: gateView(stepGate(loadCourse(), stepId, team.statuses, team.overrides)),
    runs: runs.map(engineItem),
    active: active ? engineItem(active) : null,
    latestVerify: lastVerify ? { ...engineItem(lastVerify), checks: verify?.checks ?? [] } : null,
    latestPreview: lastPreview ? { ...engineItem(lastPreview), results: lastPreview.results as ApplyResults } : null,
    latestApply: lastApply ? { ...engineItem(lastApply), results: lastApply.results as ApplyResults } : null,
    attestations,
    may: {
      apply: can(actor.role, "run.apply", relations),
      verify: can(actor.role, "run.verify", relations),
      attest: can(actor.role, "attestation.write", relations),
      override: can(actor.role, "gate.override", relations),
    },
  };
}

export type StartedRun = { runId: string; created: boolean };

/** Verifying and performance tests read (and load) the service; the rest change the cluster. */
const runPermission = (kind: string) => (kind === "VERIFY" || kind === "LOAD" ? "run.verify" : "run.apply");

/** Queues a preview, apply, operation, verification or performance test, behind the step's gate; an active one is returned instead. */
export async function startStepRun(actor: Actor, input: TStartRun): Promise<StartedRun & { done: PromiseLike<void> }> {
  await authorizeTeam(actor, runPermission(input.kind), input.teamId);
  const step = stepOrThrow(input.stepId);
  if (input.kind === "LOAD" && stepLoadTargets(step).length === 0) throw new AppError("INVALID", `Step ${step.number} has no performance test.`);
  const operation = input.kind === "OPERATION" ? step.operations?.find((o) => o.id === input.operationId) : undefined;
  if (input.kind === "OPERATION" && !operation) throw new AppError("NOT_FOUND", `Step ${step.number} has no operation "${input.operationId}".`);
  if ((input.kind === "APPLY" || input.kind === "PREVIEW") && !step.applies.some((f) => /^(k8s-manifests|monitoring)\//.test(f))) {
    throw new AppError("INVALID", `Step ${step.number} has no manifests to apply${step.operations?.length ? "; use its commands below" : ""}.`);
  }
  const gate = await gateFor(input.teamId, input.stepId);
  // A closed gate is the step's state, not the actor's permission.
  if (!gate.open) throw new AppError("CONFLICT", gate.reason);
  return launchRun({ teamId: input.teamId, step, kind: input.kind, operation, force: input.force, actorId: actor.id });
}

/** A named team member confirms a step that only a person can confirm, with the fields it asks for. */
export async function attestStep(actor: Actor, input: TAttestStep): Promise<{ status: StepStatus | undefined }> {
  await authorizeTeam(actor, "attestation.write", input.teamId);
  const step = stepOrThrow(input.stepId);
  const check = step.checks.find((c) => c.id === input.checkId);
  if (!check || check.kind !== "manual") throw new AppError("NOT_FOUND", "That is not something to confirm on this step.");
  for (const f of check.fields ?? []) {
    if (f.required && !input.fields[f.id]?.trim()) throw new AppError("INVALID", `Fill in "${f.label}".`);
  }
  const known = new Set((check.fields ?? []).map((f) => f.id));
  const fields = Object.fromEntries(Object.entries(input.fields).filter(([k]) => known.has(k)));
  const db = await getDb();
  const results: AttestResults = { type: "attest", attestations: [{ checkId: check.id, prompt: check.prompt, fields }] };
  const run = await audited(db, (tx) => tx.run.create({ data: { teamId: input.teamId, stepId: step.id, kind: "ATTEST", status: "PASSED", startedById: actor.id, finishedAt: new Date(), durationMs: 0, summary: `${actor.name} confirmed: ${check.title}`, results } }), (r) => ({ type: "run.closed", actorId: actor.id, teamId: input.teamId, subject: r.id, data: { stepId: step.id, kind: "ATTEST", status: "PASSED", checkId: check.id, fields } }));
  return { status: await reconsider(input.teamId, step, run.id, actor.id) };
}

/** After an attestation: the step's verdict from its latest verification and every attestation so far. */
async function reconsider(teamId: string, step: Step, runId: string, actorId: string): Promise<StepStatus | undefined> {
  const prior = await priorObservations(teamId, step.id);
  const last = await (await getDb()).run.findFirst({ where: { teamId, stepId: step.id, kind: "VERIFY", status: { not: "RUNNING" }, ...(await sinceLastReset(teamId, step.id)) }, orderBy: { startedAt: "desc" }, select: { results: true } });
  const checks = (last?.results as unknown as VerifyResults | undefined)?.checks ?? [];
  const automated = step.checks.some((c) => c.kind !== "manual");
  if (automated && !last) return undefined;
  const verdict = stepVerdict({ checks: step.checks, results: checks, previous: prior.status, passedBefore: prior.passedBefore, attested: prior.attested });
  if (verdict.status === "VERIFIED" || verdict.status === "ATTESTED") await recordRunVerdict(teamId, step.id, verdict.status, runId, actorId);
  return verdict.status;
}

export async function overrideGate(actor: Actor, input: { teamId: string; stepId: string; reason: string }): Promise<void> {
  await authorizeTeam(actor, "gate.override", input.teamId);
  stepOrThrow(input.stepId);
  await audited(await getDb(), (tx) => tx.gateOverride.upsert({
    where: { teamId_stepId: { teamId: input.teamId, stepId: input.stepId } },
    create: { teamId: input.teamId, stepId: input.stepId, reason: input.reason, byId: actor.id },
    update: { reason: input.reason, byId: actor.id, at: new Date() },
  }), () => ({ type: "gate.override", actorId: actor.id, teamId: input.teamId, subject: input.stepId, data: { reason: input.reason } }));
}

/**
 * Re-runs the checks of every proven step of the team: one parent job on the queue, whose children (one
 * VERIFY run per step) any worker may take; a step that fails now becomes regressed.
 */
export async function reverifyAll(actor: Actor, teamId: string): Promise<{ batchId: string; started: number; done: PromiseLike<void> }> {
  await authorizeTeam(actor, "run.verify", teamId);
  const course = loadCourse();
  const proven = await (await getDb()).stepProgress.findMany({ where: { teamId, status: { in: ["VERIFIED", "REGRESSED"] } }, select: { stepId: true } });
  const steps = proven.map((p) => findStep(course, p.stepId)).filter((s): s is Step => s !== undefined && s.checks.some((c) => c.kind !== "manual"));
  const batchId = await enqueueBatch(teamId, steps, actor.id);
  return { batchId, started: steps.length, done: waitForBatch(batchId) };
}

/** How far one re-verify all of the team has come ("23 of 31 steps"). */
export async function getBatchProgress(actor: Actor, teamId: string, batchId: string): Promise<BatchProgress> {
  await authorizeTeam(actor, "run.read", teamId);
  const batch = await (await getDb()).runBatch.findFirst({ where: { id: batchId, teamId }, select: { id: true } });
  const progress = batch ? await batchProgress(batch.id) : null;
  if (!progress) throw new AppError("NOT_FOUND", "There is no such re-verification.");
  return progress;
}

export type RunDetail = RunListItem & { stepId: string; teamId: string; clusterServer: string | null; serverVersion: string | null; results: RunResults };

export async function getRunDetail(actor: Actor, runId: string): Promise<RunDetail> {
  const run = await (await getDb()).run.findUnique({ where: { id: runId }, select: { ...RUN_SELECT, teamId: true, stepId: true, clusterServer: true, serverVersion: true, results: true } });
  if (!run) throw new AppError("NOT_FOUND", "There is no such run.");
  await authorizeTeam(actor, "run.read", run.teamId);
  return { ...listItem(run), stepId: run.stepId, teamId: run.teamId, clusterServer: run.clusterServer, serverVersion: run.serverVersion, results: run.results as unknown as RunResults };
}

export async function cancelStepRun(actor: Actor, runId: string): Promise<boolean> {
  const run = await (await getDb()).run.findUnique({ where: { id: runId }, select: { teamId: true, kind: true } });
  if (!run) throw new AppError("NOT_FOUND", "There is no such run.");
  await authorizeTeam(actor, runPermission(run.kind), run.teamId);
  return cancelRun(runId);
}
