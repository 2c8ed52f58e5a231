import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/authz/permissions";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { authorizeCohort } from "./access";
import { newJoinCode, normalizeJoinCode } from "./join-code";
import { cohortIdOfStudent } from "./relations";

export type CohortSummary = { id: string; name: string; instructor: string; teamCount: number };

/** Cohorts the actor may look at: instructors their own, stakeholders those they are attached to, students their team's. */
export async function listCohorts(actor: Actor): Promise<CohortSummary[]> {
  const db = await getDb();
  const where =
    actor.role === "INSTRUCTOR"
      ? { instructorId: actor.id }
      : actor.role === "STAKEHOLDER"
        ? { stakeholders: { some: { userId: actor.id } } }
        : { teams: { some: { id: actor.teamId ?? "" } } };
  const rows = await db.cohort.findMany({
    where,
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, instructor: { select: { name: true } }, _count: { select: { teams: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, instructor: r.instructor.name, teamCount: r._count.teams }));
}

export async function createCohort(actor: Actor, name: string) {
  assertCan(actor.role, "cohort.create");
  return (await getDb()).cohort.create({ data: { name, instructorId: actor.id }, select: { id: true, name: true } });
}

export async function createTeam(actor: Actor, cohortId: string, name: string) {
  await authorizeCohort(actor, "cohort.manage", cohortId);
  const db = await getDb();
  const taken = await db.team.findUnique({ where: { cohortId_name: { cohortId, name } } });
  if (taken) throw new AppError("CONFLICT", `This cohort already has a team called "${name}".`);
  return db.team.create({ data: { cohortId, name, joinCode: newJoinCode() }, select: { id: true, name: true, joinCode: true } });
}

export async function setMemberDesignation(actor: Actor, userId: string, designation: "NONE" | "TECH_LEAD" | "PROJECT_MANAGER") {
  const db = await getDb();
  const cohortId = await cohortIdOfStudent(userId);
  if (!cohortId) throw new AppError("NOT_FOUND", "That student is not on a team.");
  await authorizeCohort(actor, "cohort.manage", cohortId);
  await db.teamMember.update({ where: { userId }, data: { designation } });
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
  if (await db.user.findUnique({ where: { email } })) {
    throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.");
  }
  const passwordHash = await hashPassword(input.password);
  return db.user.create({
    data: { email, name: input.name.trim(), passwordHash, role: "STUDENT", membership: { create: { teamId: team.id } } },
    select: { id: true, email: true },
  });
}
