import { hashPassword } from "@/lib/auth/password";
import { joinCodeExpiry, newJoinCode } from "@/lib/data/join-code";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const DEMO_PASSWORD = "daybook-demo";

export const DEMO_ACCOUNTS = [
  { email: "instructor@daybook.local", name: "Ines Instructor", role: "INSTRUCTOR" },
  { email: "stakeholder@daybook.local", name: "Sam Stakeholder", role: "STAKEHOLDER" },
  { email: "alice@daybook.local", name: "Alice Atlas", role: "STUDENT", team: "Team Atlas", designation: "TECH_LEAD" },
  { email: "amir@daybook.local", name: "Amir Atlas", role: "STUDENT", team: "Team Atlas", designation: "PROJECT_MANAGER" },
  { email: "bea@daybook.local", name: "Bea Borealis", role: "STUDENT", team: "Team Borealis", designation: "TECH_LEAD" },
  { email: "bo@daybook.local", name: "Bo Borealis", role: "STUDENT", team: "Team Borealis", designation: "NONE" },
] as const;

/** On an empty database, creates a demo cohort: one instructor, one stakeholder, two teams of two. */
export async function seedDemoIfEmpty(db: PrismaClient): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const users = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const user = await tx.user.create({ data: { email: account.email, name: account.name, role: account.role, passwordHash } });
      users.set(account.email, user.id);
    }
    const cohort = await tx.cohort.create({
      data: { name: "Demo cohort", instructorId: users.get("instructor@daybook.local")!, stakeholders: { create: { userId: users.get("stakeholder@daybook.local")! } } },
    });
    // Join codes are drawn here, never fixed: a fixed code would let anyone who can reach a fresh install join a team.
    for (const name of ["Team Atlas", "Team Borealis"] as const) {
      const team = await tx.team.create({ data: { cohortId: cohort.id, name, joinCode: newJoinCode(), joinCodeExpiresAt: joinCodeExpiry() } });
      for (const account of DEMO_ACCOUNTS) {
        if ("team" in account && account.team === name) {
          await tx.teamMember.create({ data: { userId: users.get(account.email)!, teamId: team.id, designation: account.designation } });
        }
      }
    }
  });
  return true;
}
