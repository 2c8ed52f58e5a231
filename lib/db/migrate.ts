import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SqlClient } from "./sql-client";

export type Migration = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; alreadyApplied: string[] };

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

/** Reads Prisma's folder layout: <dir>/<timestamp_name>/migration.sql, in name order. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

// Same table Prisma's `migrate deploy` keeps, so either tool can take over from the other.
const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type HistoryRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export class MigrationError extends Error {}

/** Applies every pending migration in its own transaction; refuses edited or half-applied history. */
export async function migrate(client: SqlClient, migrations = readMigrations()): Promise<MigrateResult> {
  await client.exec(HISTORY_TABLE);
  const rows = await client.query<HistoryRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
  );
  const history = new Map(rows.filter((r) => !r.rolled_back_at).map((r) => [r.migration_name, r]));
  const result: MigrateResult = { applied: [], alreadyApplied: [] };

  for (const migration of migrations) {
    const row = history.get(migration.name);
    if (row && !row.finished_at) {
      throw new MigrationError(`Migration ${migration.name} started but never finished; repair the database before starting Daybook.`);
    }
    if (row && row.checksum !== migration.checksum) {
      throw new MigrationError(`Migration ${migration.name} was edited after it was applied (checksum mismatch).`);
    }
    if (row) {
      result.alreadyApplied.push(migration.name);
      continue;
    }
    await applyOne(client, migration);
    result.applied.push(migration.name);
  }
  return result;
}

async function applyOne(client: SqlClient, migration: Migration) {
  const id = crypto.randomUUID();
  await client.exec("BEGIN");
  try {
    await client.exec(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 1)`,
      [id, migration.checksum, migration.name],
    );
    await client.exec("COMMIT");
  } catch (error) {
    await client.exec("ROLLBACK");
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}
