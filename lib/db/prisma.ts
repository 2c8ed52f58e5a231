import "server-only";
import { createPrismaClient } from "./create-client";

type Db = Awaited<ReturnType<typeof createPrismaClient>>;
const globalForDb = globalThis as unknown as { daybookDb?: Promise<Db> };

/** One client per process; the embedded database allows a single owner per data directory. */
export function getDb(): Promise<Db> {
  globalForDb.daybookDb ??= createPrismaClient();
  return globalForDb.daybookDb;
}
