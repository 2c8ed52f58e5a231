// TEST-ONLY: run by scripts/e2e-server.mjs on the e2e server's fresh database before the server
// starts (the embedded database has one owner at a time). Adds a cohort of its own for
// e2e/signoff.spec.ts, with its own instructor and stakeholder so no other spec sees it:
// Team Summit has done the whole course (Step 20.1 passed just now, with a recorded full-length
// performance test of each performance step), Team Ridge everything but Step 20.1 (no performance
// tests). Runs are written directly: no cluster.
import { hashPassword } from "@/lib/auth/password";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { resolveDatabaseConfig } from "@/lib/db/config";
import { createPrismaClient } from "@/lib/db/create-client";
import { migrate } from "@/lib/db/migrate";
import { openEmbedded, pgliteSqlClient } from "@/lib/db/sql-client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_PASSWORD, seedDemoIfEmpty } from "@/lib/db/seed";
import { joinCodeExpiry, newJoinCode } from "@/lib/data/join-code";
import { seedFinishedCourse } from "@/tests/support/finished-course";

export const SIGNOFF_FIXTURE = {
  cohort: "Sign-off cohort",
  instructor: { email: "iris@daybook.local", name: "Iris Instructor" },
  stakeholder: { email: "sol@daybook.local", name: "Sol Stakeholder" },
  teams: {
    "Team Summit": [
      { email: "tara@daybook.local", name: "Tara Summit", designation: "TECH_LEAD" },
      { email: "pablo@daybook.local", name: "Pablo Summit", designation: "PROJECT_MANAGER" },
    ],
    "Team Ridge": [{ email: "rhea@daybook.local", name: "Rhea Ridge", designation: "TECH_LEAD" }],
  },
} as const;

// The embedded database is opened here directly so that it can be closed cleanly for the server.
const config = resolveDatabaseConfig();
const pglite = config.kind === "embedded" ? await openEmbedded(config.dataDir) : null;
if (pglite) await migrate(pgliteSqlClient(pglite, false));
const db = pglite ? new PrismaClient({ adapter: new PrismaPGlite(pglite) }) : await createPrismaClient(config);
try {
  await seedDemoIfEmpty(db);
  if (!(await db.cohort.findFirst({ where: { name: SIGNOFF_FIXTURE.cohort } }))) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const user = (u: { email: string; name: string }, role: "STUDENT" | "INSTRUCTOR" | "STAKEHOLDER") => db.user.create({ data: { ...u, role, passwordHash } });
    const instructor = await user(SIGNOFF_FIXTURE.instructor, "INSTRUCTOR");
    const stakeholder = await user(SIGNOFF_FIXTURE.stakeholder, "STAKEHOLDER");
    const cohort = await db.cohort.create({ data: { name: SIGNOFF_FIXTURE.cohort, instructorId: instructor.id, stakeholders: { create: { userId: stakeholder.id } } } });
    for (const [name, members] of Object.entries(SIGNOFF_FIXTURE.teams)) {
      const team = await db.team.create({ data: { cohortId: cohort.id, name, joinCode: newJoinCode(), joinCodeExpiresAt: joinCodeExpiry() } });
      let lead = "";
      for (const m of members) {
        const u = await db.user.create({ data: { email: m.email, name: m.name, role: "STUDENT", passwordHash, membership: { create: { teamId: team.id, designation: m.designation } } } });
        lead ||= u.id;
      }
      await seedFinishedCourse(db, { teamId: team.id, actorId: lead, finalValidation: { outcome: name === "Team Summit" ? "passed" : "none", at: new Date() }, ...(name === "Team Summit" ? { performanceTests: { timeScale: 1 } } : {}) });
    }
    console.log(`[e2e-seed-signoff] seeded ${SIGNOFF_FIXTURE.cohort}`);
  }
} finally {
  await db.$disconnect();
  await pglite?.close();
}
