import "server-only";
import type { Actor } from "@/lib/auth/session";
import { findStep, loadCourse } from "@/lib/course/load";
import { authorizeTeam } from "@/lib/data/access";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { liveHubs } from "./cluster";
import type { LiveSnapshot } from "./types";

/**
 * Follows a team's step on its cluster for one viewer: whoever may see the team's runs (its members, its
 * cohort's instructors; not stakeholders). Returns the function that stops following.
 */
export async function subscribeLiveState(actor: Actor, teamId: string, stepId: string, listener: (s: LiveSnapshot) => void): Promise<() => void> {
  await authorizeTeam(actor, "run.read", teamId);
  if (!findStep(loadCourse(), stepId)) throw new AppError("NOT_FOUND", `There is no step ${stepId} in this course.`);
  const connected = await (await getDb()).teamCluster.findUnique({ where: { teamId }, select: { credentials: true } });
  if (!connected?.credentials) throw new AppError("INVALID", "This team has not connected a cluster yet. Connect one under Cluster first.");
  return liveHubs().subscribe(teamId, stepId, listener);
}
