import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { loadCourse } from "@/lib/course/load";
import { computeProgress, type StepStatus } from "@/lib/progress/compute";
import { resolvePlanTeam, type PlanTeam } from "./plan-team";
import { getTeamPlanState, type TeamPlanState } from "./team-state";
import { parseIdParam } from "@/lib/validations/search-params";

/** Everything the plan pages need: the course, whose plan it is, and that team's step states and progress. */
export async function getPlanView(actor: Actor, requestedTeam: unknown) {
  const course = loadCourse();
  // A malformed ?team= or a team outside the actor's cohorts is reported as missing, so its existence is not revealed either.
  let team: PlanTeam | null;
  try {
    team = await resolvePlanTeam(actor, parseIdParam(requestedTeam));
  } catch (error) {
    if (error instanceof AppError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) notFound();
    throw error;
  }
  const { states, blocked }: TeamPlanState = team ? await getTeamPlanState(actor, team.id) : { states: new Map(), blocked: new Set() };
  const statuses = new Map<string, StepStatus>([...states].map(([id, s]) => [id, s.status]));
  return { course, team, states, statuses, blocked, progress: computeProgress(course, statuses) };
}
