// Benchmark: how the data functions behind the plan and the instructor board scale with a cohort's size.
// Prints numbers; asserts nothing. Usage: npx tsx scripts/bench/data-layer.ts [teams=30] [rounds=50]
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { allSteps, loadCourse } from "@/lib/course/load";
import { migrate } from "@/lib/db/migrate";
import { seedDemoIfEmpty } from "@/lib/db/seed";
import { pgliteSqlClient } from "@/lib/db/sql-client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { computeProgress } from "@/lib/progress/compute";
import { getCohortBoard } from "@/lib/data/board";
import { getTeamStepStates, setStepStatus } from "@/lib/data/progress";
import { actorFor } from "@/tests/support/test-prisma";

const teams = Number(process.argv[2] ?? 30);
const rounds = Number(process.argv[3] ?? 50);

async function time(label: string, n: number, fn: (i: number) => Promise<unknown> | unknown) {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(2);
  console.log(`${label.padEnd(44)} n=${String(n).padStart(4)}  p50=${pct(0.5)}ms  p95=${pct(0.95)}ms  max=${samples.at(-1)!.toFixed(2)}ms`);
}

const pglite = new PGlite();
await migrate(pgliteSqlClient(pglite, false));
const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
(globalThis as { daybookDb?: Promise<PrismaClient> }).daybookDb = Promise.resolve(db);
await seedDemoIfEmpty(db);

const course = loadCourse();
const steps = allSteps(course);
const cohort = await db.cohort.findFirstOrThrow();
const instructor = await actorFor(db, "instructor@daybook.local");
const alice = await actorFor(db, "alice@daybook.local");
for (let t = 0; t < teams; t++) {
  const team = await db.team.create({ data: { cohortId: cohort.id, name: `Bench ${t}`, joinCode: `BENCH${t}`, joinCodeExpiresAt: new Date(Date.now() + 86_400_000) } });
  await db.stepProgress.createMany({ data: steps.slice(0, (t * 7) % 40).map((s) => ({ teamId: team.id, stepId: s.id, status: "DONE_MANUAL" as const, updatedById: instructor.id })) });
}
console.log(`cohort of ${teams + 2} teams × ${steps.length} steps on embedded PGlite`);

await time("computeProgress (pure, 40 steps)", 1000, () => computeProgress(course, new Map(steps.slice(0, 20).map((s) => [s.id, "DONE_MANUAL" as const]))));
await time("getTeamStepStates (student plan page)", rounds, () => getTeamStepStates(alice, alice.teamId!));
await time("setStepStatus (toggle, with history)", rounds, (i) => setStepStatus(alice, { teamId: alice.teamId!, stepId: steps[i % 40]!.id, status: i % 2 ? "DONE_MANUAL" : "IN_PROGRESS" }));
await time(`getCohortBoard (${teams + 2} teams)`, rounds, () => getCohortBoard(instructor, cohort.id));
await db.$disconnect();
await pglite.close();
