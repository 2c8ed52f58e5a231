import { clusterSettings } from "@/lib/runs/connection";
import { interruptAbandonedRuns } from "@/lib/runs/store";
import { resolveDatabaseConfig } from "./config";
import { demoExposureWarning } from "./demo-exposure";
import { getDb } from "./prisma";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from "./seed";

export async function bootstrap() {
  // Bad cluster settings (allow-list, encryption key) stop the start-up instead of a student's first connection.
  clusterSettings();
  const config = resolveDatabaseConfig();
  const db = await getDb();
  const where = config.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PostgreSQL in ${config.dataDir}`;
  console.log(`[daybook] database ready: ${where}`);
  if (process.env.DAYBOOK_SEED_DEMO !== "false" && (await seedDemoIfEmpty(db))) {
    console.log(`[daybook] seeded the demo cohort. Sign in with any of these (password "${DEMO_PASSWORD}"):`);
    for (const a of DEMO_ACCOUNTS) console.log(`[daybook]   ${a.role.toLowerCase().padEnd(11)} ${a.email}`);
  }
  const interrupted = await interruptAbandonedRuns();
  if (interrupted > 0) console.log(`[daybook] marked ${interrupted} run(s) of a previous server process as interrupted`);
  const demoExists = Boolean(await db.user.findUnique({ where: { email: DEMO_ACCOUNTS[0].email }, select: { id: true } }));
  const warning = demoExposureWarning(process.env.DAYBOOK_LISTEN_HOST, demoExists);
  if (warning) console.warn(warning);
}
