import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { readActor, type Actor } from "@/lib/auth/actor";
import { migrate } from "@/lib/db/migrate";
import { pgliteExecutor, setQueueDatabase } from "@/lib/db/queue-sql";
import { seedDemoIfEmpty } from "@/lib/db/seed";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { afterAll, beforeAll } from "vitest";
import type { TestBackend, TestDatabase } from "./databases";

/** A migrated, demo-seeded database installed as the process's Prisma client (what getDb() returns) and its job queue's database. */
export async function installTestPrisma(db: TestDatabase): Promise<PrismaClient> {
  await migrate(db.sql);
  const client = db.pglite
    ? new PrismaClient({ adapter: new PrismaPGlite(db.pglite) })
    : new PrismaClient({ adapter: new PrismaPg({ connectionString: (db.config as { url: string }).url }) });
  (globalThis as { daybookDb?: Promise<PrismaClient> }).daybookDb = Promise.resolve(client);
  setQueueDatabase(db.pglite ? { kind: "embedded", executor: pgliteExecutor(db.pglite) } : { kind: "postgres", url: (db.config as { url: string }).url });
  await seedDemoIfEmpty(client);
  return client;
}

export async function actorFor(client: PrismaClient, email: string): Promise<Actor> {
  const actor = await readActor(client, { email });
  if (!actor) throw new Error(`No test user ${email}`);
  return actor;
}

export async function teamId(client: PrismaClient, name: string): Promise<string> {
  return (await client.team.findFirstOrThrow({ where: { name } })).id;
}

export type SeededDatabase = { client: PrismaClient; atlas: string; borealis: string };

/** Registers hooks that give the suite a fresh migrated, demo-seeded database on `backend`, and drop it after. */
export function useSeededDatabase(backend: TestBackend): SeededDatabase {
  const seeded = {} as SeededDatabase;
  let db: TestDatabase;
  // Migrating and seeding an embedded database takes seconds of CPU; on a busy machine more than the default 10 s.
  beforeAll(async () => {
    db = await backend.create();
    seeded.client = await installTestPrisma(db);
    seeded.atlas = await teamId(seeded.client, "Team Atlas");
    seeded.borealis = await teamId(seeded.client, "Team Borealis");
  }, 90_000);
  afterAll(async () => {
    await seeded.client.$disconnect();
    await db.dispose();
  });
  return seeded;
}
