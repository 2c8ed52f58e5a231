import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/session";
import { getCohortBoard } from "@/lib/data/board";
import { getLiveBoard } from "@/lib/data/live-board";
import { AppError } from "@/lib/errors";
import { parseIdParam } from "@/lib/validations/search-params";

/** The cohort chosen by ?cohort=, else the first one listed; a malformed value is a 404. */
export function chooseCohortId(requested: string | string[] | undefined, cohorts: { id: string }[]): string | undefined {
  try {
    return parseIdParam(requested) ?? cohorts[0]?.id;
  } catch {
    notFound();
  }
}

/** A page's data, or null when the permission table says no; what does not exist is a 404. */
export async function orRefused<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") return null;
    throw error;
  }
}

/** The cohort's board, or null when the permission table says no; unknown cohorts are a 404. */
export const loadBoard = (actor: Actor, cohortId: string, options?: { includeArchived?: boolean }) => orRefused(getCohortBoard(actor, cohortId, options));

export const loadLiveBoard = (actor: Actor, cohortId: string) => orRefused(getLiveBoard(actor, cohortId));

/** The origin the instructor is using, for join links they can paste to students. */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const local = /^(localhost|127\.|\[::1\])/.test(host);
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? (local ? "http" : "https");
  return `${proto}://${host}`;
}
