import "server-only";
import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { dayOfStep, findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { LoadState, LoadTargetSpec } from "@/lib/load/types";
import { seriesSince, summarizeTargets, type LoadRunSummary } from "@/lib/load/view";
import { stepLoadTargets, timeScale } from "@/lib/load/plan";
import type { LoadRunResults } from "@/lib/runs/types";
import { authorizeTeam } from "./access";
import { relationsToTeam } from "./relations";

export type LoadRunView = { id: string; status: string; summary: string; startedAt: string; finishedAt: string | null; startedBy: string | null; load: LoadState };

export type StepLoad = {
  /** The course's parameters, unscaled, and the time scale a run started now would use. */
  plan: { targets: LoadTargetSpec[]; timeScale: number };
  latest: LoadRunView | null;
  may: { run: boolean };
};

const LOAD_SELECT = { id: true, status: true, summary: true, startedAt: true, finishedAt: true, results: true, startedBy: { select: { name: true } } } as const;

/** The step's performance test: what it will do, and its latest run (its series from second `since` on). */
export async function getStepLoad(actor: Actor, teamId: string, stepId: string, since = 0): Promise<StepLoad> {
  await authorizeTeam(actor, "run.read", teamId);
  const step = findStep(loadCourse(), stepId);
  if (!step) throw new AppError("NOT_FOUND", `There is no step ${stepId} in this course.`);
  const [last, relations] = await Promise.all([
    (await getDb()).run.findFirst({ where: { teamId, stepId, kind: "LOAD" }, orderBy: { startedAt: "desc" }, select: LOAD_SELECT }),
    relationsToTeam(actor, teamId),
  ]);
  const load = (last?.results as unknown as LoadRunResults | undefined)?.load;
  return {
    plan: { targets: stepLoadTargets(step), timeScale: timeScale() },
    latest: last && load ? { id: last.id, status: last.status, summary: last.summary, startedAt: last.startedAt.toISOString(), finishedAt: last.finishedAt?.toISOString() ?? null, startedBy: last.startedBy?.name ?? null, load: seriesSince(load, since) } : null,
    may: { run: can(actor.role, "run.verify", relations) },
  };
}

/** The team's finished performance tests on every step, newest first, to compare one with the ones before. */
export async function getTeamLoadHistory(actor: Actor, teamId: string): Promise<LoadRunSummary[]> {
  await authorizeTeam(actor, "run.read", teamId);
  const course = loadCourse();
  const runs = await (await getDb()).run.findMany({ where: { teamId, kind: "LOAD", status: { in: ["PASSED", "FAILED", "ERROR"] } }, orderBy: { startedAt: "desc" }, take: 20, select: { id: true, stepId: true, status: true, finishedAt: true, results: true } });
  return runs.flatMap((r) => {
    const load = (r.results as unknown as LoadRunResults).load;
    if (load?.phase !== "done" || !r.finishedAt) return [];
    return [{ runId: r.id, stepId: r.stepId, stepNumber: findStep(course, r.stepId)?.number ?? r.stepId, day: dayOfStep(course, r.stepId)?.day ?? 0, finishedAt: r.finishedAt.toISOString(), status: r.status, targets: summarizeTargets(load) }];
  });
}
