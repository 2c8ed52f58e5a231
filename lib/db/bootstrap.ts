import { workerSettings } from "@/lib/queue/settings";
import { clusterSettings } from "@/lib/runs/connection";
import { recoverAbandonedRuns } from "@/lib/runs/recover";
import { resolveDatabaseConfig } from "./config";
import { demoExposureWarning } from "./demo-exposure";
import { getDb } from "./prisma";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from "./seed";

export async function bootstrap() {
  // Bad cluster settings (allow-list, encryption key) stop the start-up instead of a student's first connection.
  clusterSettings();
  const worker = workerSettings();
  const config = resolveDatabaseConfig();
  const db = await getDb();
  const where = config.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PostgreSQL in ${config.dataDir}`;
  console.log(`[daybook] database ready: ${where}`);
  if (process.env.DAYBOOK_SEED_DEMO !== "false" && (await seedDemoIfEmpty(db))) {
    console.log(`[daybook] seeded the demo cohort. Sign in with any of these (password "${DEMO_PASSWORD}"):`);
    for (const a of DEMO_ACCOUNTS) console.log(`[daybook]   ${a.role.toLowerCase().padEnd(11)} ${a.email}`);
  }
  // Only runs of workers that stopped beating: another live process's runs are left alone.
  const recovered = await recoverAbandonedRuns(worker.staleMs);
  if (recovered.retried + recovered.interrupted > 0) console.log(`[daybook] runs of a stopped worker: ${recovered.retried} queued again, ${recovered.interrupted} marked interrupted`);
  const demoExists = Boolean(await db.user.findUnique({ where: { email: DEMO_ACCOUNTS[0].email }, select: { id: true } }));
  const warning = demoExposureWarning(process.env.DAYBOOK_LISTEN_HOST, demoExists);
  if (warning) console.warn(warning);
}
