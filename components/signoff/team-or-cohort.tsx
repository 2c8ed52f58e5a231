import "server-only";
import type { ReactElement } from "react";
import { chooseCohortId } from "@/components/board/load-board";
import { NotAllowed } from "@/components/board/not-allowed";
import { Card } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { listCohorts } from "@/lib/data/cohorts";
import type { PlanTeam } from "@/lib/data/plan-team";
import type { SearchParams } from "@/lib/validations/search-params";
import { teamFromParam } from "./team-param";

type Cohorts = Awaited<ReturnType<typeof listCohorts>>;

/**
 * What a per-team page (sign-off, reports) opens on: the team (a student's own, or ?team=), else the cohort an
 * instructor or stakeholder picked, else the page that says why there is nothing to show.
 */
export async function teamOrCohort(actor: Actor, params: SearchParams): Promise<{ team: PlanTeam } | { cohortId: string; cohorts: Cohorts } | { page: ReactElement }> {
  const team = await teamFromParam(actor, params.team);
  if (team) return { team };
  if (!can(actor.role, "plan.chooseTeam")) return { page: <NotAllowed role={actor.role} audience="a team's members" reason="You are not on a team yet. Open the join link your instructor shared." /> };
  const cohorts = await listCohorts(actor);
  const cohortId = chooseCohortId(params.cohort, cohorts);
  if (!cohortId) return { page: <Card className="mx-auto max-w-lg p-8 text-center"><h1 className="text-xl font-semibold">No cohorts yet</h1></Card> };
  return { cohortId, cohorts };
}
