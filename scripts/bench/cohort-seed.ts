// Adds a benchmark cohort of N teams × 4 students (password "daybook-demo") to the configured database.
// Run it before `npm start` on the embedded database (one owner at a time), or any time on PostgreSQL.
// Usage: DAYBOOK_DATA_DIR=… [DATABASE_URL=…] npx tsx scripts/bench/cohort-seed.ts [teams=100]
import { hashPassword } from "@/lib/auth/password";
import { createPrismaClient } from "@/lib/db/create-client";
import { seedDemoIfEmpty, DEMO_PASSWORD } from "@/lib/db/seed";

const teams = Number(process.argv[2] ?? 100);
const db = await createPrismaClient();
await seedDemoIfEmpty(db);
const instructor = await db.user.findUniqueOrThrow({ where: { email: "instructor@daybook.local" } });
const existing = await db.cohort.findFirst({ where: { name: "Bench cohort" } });
if (existing) {
  console.log("the bench cohort exists already");
} else {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const cohort = await db.cohort.create({ data: { name: "Bench cohort", instructorId: instructor.id } });
  for (let t = 0; t < teams; t++) {
    const team = await db.team.create({ data: { cohortId: cohort.id, name: `Bench team ${t}`, joinCode: `BENCH-${t}-${Date.now()}`, joinCodeExpiresAt: new Date(Date.now() + 14 * 86_400_000) } });
    for (let u = 0; u < 4; u++) {
      await db.user.create({ data: { email: `bench-${t}-${u}@daybook.local`, name: `Bench ${t}.${u}`, role: "STUDENT", passwordHash, membership: { create: { teamId: team.id } } } });
    }
  }
  console.log(`added the bench cohort: ${teams} teams × 4 students (bench-<team>-<0..3>@daybook.local)`);
}
await db.$disconnect();
process.exit(0);
