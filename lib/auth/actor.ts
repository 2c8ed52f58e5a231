import type { Role } from "@/lib/authz/permissions";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
  designation: "NONE" | "TECH_LEAD" | "PROJECT_MANAGER" | null;
  /** Whether the user has unread sign-off notices, read with the user so every page's layout skips the notices query when not. Unknown (undefined) for actors built elsewhere. */
  hasNotices?: boolean;
  /** The own team's row as the permission check reads it, read with the user so a team page does not read it again (lib/data/relations.ts). */
  ownTeam?: OwnTeamRow;
};

export type OwnTeamRow = { name: string; cohort: string; instructorId: string; coInstructor: boolean; stakeholder: boolean };

/**
 * A user as the database knows them now: role and team are never taken from the cookie. With
 * `sessionVersion` (the one the session began with), a session ended since (sign-out, a role,
 * team or password change) reads as nobody.
 */
export async function readActor(db: PrismaClient, where: { id: string } | { email: string }, sessionVersion?: number): Promise<Actor | null> {
  // One indexed join in raw SQL: it runs on every request, and costs about half of Prisma's nested include.
  const [user] = await db.$queryRaw<(Omit<Actor, "role" | "designation" | "hasNotices" | "ownTeam"> & { hasNotices: boolean; cohortName: string | null; instructorId: string | null; coInstructor: boolean; stakeholder: boolean; role: Role; designation: Actor["designation"]; sessionVersion: number })[]>`
    SELECT u."id", u."name", u."email", u."role"::text AS "role", u."sessionVersion",
           m."teamId", t."name" AS "teamName", m."designation"::text AS "designation",
           EXISTS (SELECT 1 FROM "SignoffNotice" n WHERE n."userId" = u."id" AND n."readAt" IS NULL) AS "hasNotices",
           c."name" AS "cohortName", c."instructorId",
           EXISTS (SELECT 1 FROM "CohortInstructor" i WHERE i."cohortId" = c."id" AND i."userId" = u."id") AS "coInstructor",
           EXISTS (SELECT 1 FROM "CohortStakeholder" s WHERE s."cohortId" = c."id" AND s."userId" = u."id") AS "stakeholder"
    FROM "User" u
    LEFT JOIN "TeamMember" m ON m."userId" = u."id"
    LEFT JOIN "Team" t ON t."id" = m."teamId"
    LEFT JOIN "Cohort" c ON c."id" = t."cohortId"
    WHERE ${"id" in where ? Prisma.sql`u."id" = ${where.id}` : Prisma.sql`u."email" = ${where.email}`}`;
  if (!user) return null;
  if (sessionVersion !== undefined && user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId ?? null, teamName: user.teamName ?? null, designation: user.designation ?? null, hasNotices: user.hasNotices,
    ownTeam: user.teamId && user.teamName !== null && user.cohortName !== null && user.instructorId !== null ? { name: user.teamName, cohort: user.cohortName, instructorId: user.instructorId, coInstructor: user.coInstructor, stakeholder: user.stakeholder } : undefined };
}
