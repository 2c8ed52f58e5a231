// Benchmark: the cohort board's data functions for 10, 30 and 100 teams × 40 steps: server time and queries per call.
// Prints numbers; asserts nothing. Usage: npm run bench:board [rounds=40]   (DATABASE_URL=postgresql://… for PostgreSQL)
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { migrate } from "@/lib/db/migrate";
import { seedDemoIfEmpty } from "@/lib/db/seed";
import { pgliteSqlClient, pgSqlClient } from "@/lib/db/sql-client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getCohortBoard } from "@/lib/data/board";
import { getLiveBoard } from "@/lib/data/live-board";
import { getCohortOverview } from "@/lib/data/overview";
import { getTeamReview } from "@/lib/data/team-review";
import { actorFor } from "@/tests/support/test-prisma";
import { seedReviewCohort } from "./review-fixture";

const rounds = Number(process.argv[2] ?? 40);
const url = process.env.DATABASE_URL;
let queries = 0;
const log = [{ emit: "event" as const, level: "query" as const }];
let db: PrismaClient;
let close: () => Promise<void>;
if (url) {
  const sql = await pgSqlClient(url);
  await migrate(sql);
  await sql.close();
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log });
  close = () => db.$disconnect();
} else {
  const pglite = new PGlite();
  await migrate(pgliteSqlClient(pglite, false));
  db = new PrismaClient({ adapter: new PrismaPGlite(pglite), log });
  close = async () => {
    await db.$disconnect();
    await pglite.close();
  };
}
const slow = new Map<string, { n: number; ms: number }>();
(db as unknown as { $on(event: "query", cb: (e: { query: string; duration: number }) => void): void }).$on("query", (e) => {
  queries++;
  if (!process.env.BENCH_QUERIES) return;
  const key = e.query.replace(/\s+/g, " ").slice(0, 90);
  const s = slow.get(key) ?? { n: 0, ms: 0 };
  slow.set(key, { n: s.n + 1, ms: s.ms + e.duration });
});
(globalThis as { daybookDb?: Promise<PrismaClient> }).daybookDb = Promise.resolve(db);
await seedDemoIfEmpty(db);
const instructor = await actorFor(db, "instructor@daybook.local");

async function time(label: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up: the course, the prepared statements
  const samples: number[] = [];
  const before = queries;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(1);
  console.log(`${label.padEnd(40)} p50=${pct(0.5).padStart(6)} ms  p95=${pct(0.95).padStart(6)} ms  queries/call=${((queries - before) / rounds).toFixed(1)}`);
}

console.log(`${url ? "PostgreSQL" : "embedded PGlite"}, ${rounds} rounds per line`);
for (const teams of [10, 30, 100]) {
  const cohort = await seedReviewCohort(db, { teams, instructorId: instructor.id, name: `Bench ${teams}` });
  const first = await db.team.findFirstOrThrow({ where: { cohortId: cohort.id }, orderBy: { name: "asc" } });
  await time(`getLiveBoard (JSON route), ${teams} teams`, () => getLiveBoard(instructor, cohort.id));
  await time(`getCohortOverview (stakeholder), ${teams}`, () => getCohortOverview(instructor, cohort.id));
  await time(`getCohortBoard (summaries), ${teams} teams`, () => getCohortBoard(instructor, cohort.id));
  await time(`getTeamReview (drill-down), in ${teams}`, () => getTeamReview(instructor, first.id));
  const bytes = JSON.stringify(await getLiveBoard(instructor, cohort.id)).length;
  console.log(`${"".padEnd(40)} board JSON: ${(bytes / 1024).toFixed(1)} KB for ${teams} teams`);
}
if (process.env.BENCH_QUERIES) for (const [q, s] of [...slow].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) console.log(`${(s.ms / s.n).toFixed(1).padStart(7)} ms avg  ×${s.n}  ${q}`);
await close();
