// npm run audit:verify: walks the audit trail's hash chain and names the first broken link.
// Exit code 0 when the chain holds, 1 when it is broken, 2 when the database cannot be read.
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { prismaChainSource } from "@/lib/audit/source";
import { verifyChain } from "@/lib/audit/verify";
import { resolveDatabaseConfig } from "@/lib/db/config";
import { openEmbedded } from "@/lib/db/sql-client";
import { PrismaClient } from "@/lib/generated/prisma/client";

async function open(force: boolean): Promise<PrismaClient> {
  const config = resolveDatabaseConfig();
  if (config.kind === "postgres") return new PrismaClient({ adapter: new PrismaPg({ connectionString: config.url }) });
  if (!fs.existsSync(path.join(config.dataDir, "PG_VERSION"))) throw new Error(`There is no embedded database in ${config.dataDir} (set DAYBOOK_DATA_DIR or DATABASE_URL).`);
  // The embedded database has one owner at a time; opening it beside a running Daybook could damage it.
  if (fs.existsSync(path.join(config.dataDir, "postmaster.pid")) && !force) {
    throw new Error(`The embedded database in ${config.dataDir} is open (Daybook is running, or stopped without closing it). Stop Daybook first; if it is not running, pass --force.`);
  }
  return new PrismaClient({ adapter: new PrismaPGlite(await openEmbedded(config.dataDir)) });
}

const db = await open(process.argv.includes("--force")).catch((error: Error) => {
  console.error(`audit:verify: ${error.message}`);
  process.exit(2);
});
try {
  const report = await verifyChain(prismaChainSource(db));
  if (report.ok) {
    console.log(`Audit chain verified: ${report.events} events, head #${report.head.seq} ${report.head.hash}`);
  } else {
    console.error(`Audit chain BROKEN at event #${report.broken.seq} (${report.broken.kind}): ${report.broken.message}`);
    console.error(`${report.events} events before it verified; the head names #${report.head.seq}.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`audit:verify: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await db.$disconnect();
}
