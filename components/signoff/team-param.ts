import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/session";
import { resolvePlanTeam, type PlanTeam } from "@/lib/data/plan-team";
import { AppError } from "@/lib/errors";
import { parseIdParam } from "@/lib/validations/search-params";

/** The team a page is about: the student's own, or the ?team= an instructor or stakeholder chose; a team outside their cohorts is a 404. */
export async function teamFromParam(actor: Actor, requested: unknown): Promise<PlanTeam | null> {
  try {
    return await resolvePlanTeam(actor, parseIdParam(requested));
  } catch (error) {
    if (error instanceof AppError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) notFound();
    throw error;
  }
}
