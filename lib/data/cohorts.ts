import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan, can } from "@/lib/authz/permissions";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { authorizeCohort, authorizeStudentCohort } from "./access";
import { isUniqueViolation } from "./db-errors";
import { newJoinCode, normalizeJoinCode } from "./join-code";
import { cohortRelations } from "./relations";

export type CohortSummary = { id: string; name: string; instructor: string; teamCount: number };

/** Cohorts whose board the permission table lets the actor read: instructors their own, stakeholders those they follow. */
export async function listCohorts(actor: Actor): Promise<CohortSummary[]> {
  const rows = await (await getDb()).cohort.findMany({
    where: { OR: [{ instructorId: actor.id }, { stakeholders: { some: { userId: actor.id } } }, { teams: { some: { id: actor.teamId ?? "" } } }] },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      instructorId: true,
      instructor: { select: { name: true } },
      stakeholders: { where: { userId: actor.id }, select: { userId: true } },
      teams: { where: { id: actor.teamId ?? "" }, select: { id: true } },
      _count: { select: { teams: true } },
    },
  });
  return rows
    .filter((r) => can(actor.role, "board.read", cohortRelations(actor, r)))
    .map((r) => ({ id: r.id, name: r.name, instructor: r.instructor.name, teamCount: r._count.teams }));
}

export async function createCohort(actor: Actor, name: string) {
  assertCan(actor.role, "cohort.create");
  return (await getDb()).cohort.create({ data: { name, instructorId: actor.id }, select: { id: true, name: true } });
}

export async function createTeam(actor: Actor, cohortId: string, name: string) {
  await authorizeCohort(actor, "cohort.manage", cohortId);
  const db = await getDb();
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.team.create({ data: { cohortId, name, joinCode: newJoinCode() }, select: { id: true, name: true, joinCode: true } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (await db.team.findUnique({ where: { cohortId_name: { cohortId, name } }, select: { id: true } })) {
        throw new AppError("CONFLICT", `This cohort already has a team called "${name}".`);
      }
      // Otherwise the random join code collided with another team's: draw again.
      if (attempt >= 4) throw error;
    }
  }
}

export async function setMemberDesignation(actor: Actor, userId: string, designation: "NONE" | "TECH_LEAD" | "PROJECT_MANAGER") {
  await authorizeStudentCohort(actor, "cohort.manage", userId);
  await (await getDb()).teamMember.update({ where: { userId }, data: { designation } });
}

/** Public: what a join link shows before the student signs up. */
export async function findTeamByJoinCode(code: string) {
  const team = await (await getDb()).team.findUnique({
    where: { joinCode: normalizeJoinCode(code) },
    select: { id: true, name: true, cohort: { select: { name: true } } },
  });
  return team ? { id: team.id, name: team.name, cohort: team.cohort.name } : null;
}

export type JoinInput = { code: string; name: string; email: string; password: string };

/** Public: a join code is the invitation; it creates a student account on that team. */
export async function joinTeamWithCode(input: JoinInput) {
  const team = await findTeamByJoinCode(input.code);
  if (!team) throw new AppError("NOT_FOUND", "That join code does not match any team. Check it with your instructor.");
  const db = await getDb();
  const email = input.email.trim().toLowerCase();
  const exists = () => new AppError("CONFLICT", "An account with this email already exists. Sign in instead.");
  if (await db.user.findUnique({ where: { email } })) throw exists();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { email, name: input.name.trim(), passwordHash, role: "STUDENT", membership: { create: { teamId: team.id } } },
      select: { id: true, email: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw exists(); // the same email submitted twice at once
    throw error;
  }
}
