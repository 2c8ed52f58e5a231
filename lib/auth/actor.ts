import type { Role } from "@/lib/authz/permissions";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
  designation: "NONE" | "TECH_LEAD" | "PROJECT_MANAGER" | null;
};

/**
 * A user as the database knows them now: role and team are never taken from the cookie. With
 * `sessionVersion` (the one the session began with), a session ended since (sign-out, a role,
 * team or password change) reads as nobody.
 */
export async function readActor(db: PrismaClient, where: { id: string } | { email: string }, sessionVersion?: number): Promise<Actor | null> {
  const user = await db.user.findUnique({ where, include: { membership: { include: { team: { select: { name: true } } } } } });
  if (!user) return null;
  if (sessionVersion !== undefined && user.sessionVersion !== sessionVersion) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    teamId: user.membership?.teamId ?? null,
    teamName: user.membership?.team.name ?? null,
    designation: user.membership?.designation ?? null,
  };
}
