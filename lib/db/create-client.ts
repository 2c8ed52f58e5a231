import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resolveDatabaseConfig, type DatabaseConfig } from "./config";
import { migrate } from "./migrate";
import { pgliteExecutor, setQueueDatabase } from "./queue-sql";
import { openEmbedded, pgSqlClient, pgliteSqlClient } from "./sql-client";

/** Opens the configured database, brings its schema up to date, and returns a Prisma client on it (the job queue gets the same database). */
export async function createPrismaClient(config: DatabaseConfig = resolveDatabaseConfig()) {
  if (config.kind === "postgres") {
    const sql = await pgSqlClient(config.url);
    try {
      await migrate(sql);
    } finally {
      await sql.close();
    }
    setQueueDatabase({ kind: "postgres", url: config.url });
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: config.url }) });
  }
  const pglite = await openEmbedded(config.dataDir);
  await migrate(pgliteSqlClient(pglite, false));
  setQueueDatabase({ kind: "embedded", executor: pgliteExecutor(pglite) });
  return new PrismaClient({ adapter: new PrismaPGlite(pglite) });
}
