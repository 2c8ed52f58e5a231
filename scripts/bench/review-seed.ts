// Adds a review cohort of N teams (default 30) on Day 8 of its course to the configured database, for screenshots and demos.
// Run it before `npm start` on the embedded database (one owner at a time). Usage: DAYBOOK_DATA_DIR=… npx tsx scripts/bench/review-seed.ts [teams=30]
import { hashPassword } from "@/lib/auth/password";
import { createPrismaClient } from "@/lib/db/create-client";
import { DEMO_PASSWORD, seedDemoIfEmpty } from "@/lib/db/seed";
import { seedReviewCohort } from "./review-fixture";

const teams = Number(process.argv[2] ?? 30);
const db = await createPrismaClient();
await seedDemoIfEmpty(db);
const instructor = await db.user.findUniqueOrThrow({ where: { email: "instructor@daybook.local" } });
const name = `Spring cohort (${teams} teams)`;
if (await db.cohort.findFirst({ where: { name, instructorId: instructor.id } })) {
  console.log(`${name} exists already`);
} else {
  const cohort = await seedReviewCohort(db, { teams, instructorId: instructor.id, name, passwordHash: await hashPassword(DEMO_PASSWORD) });
  const stakeholder = await db.user.findUniqueOrThrow({ where: { email: "stakeholder@daybook.local" } });
  await db.cohortStakeholder.create({ data: { cohortId: cohort.id, userId: stakeholder.id } });
  console.log(`added ${name}: /instructor?cohort=${cohort.id}`);
}
await db.$disconnect();
process.exit(0);
