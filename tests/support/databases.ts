import crypto from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { DatabaseConfig } from "@/lib/db/config";
import { pgSqlClient, pgliteSqlClient, type SqlClient } from "@/lib/db/sql-client";

/** A fresh, empty database of one kind, plus a way to drop it. */
export type TestDatabase = { sql: SqlClient; config: DatabaseConfig | null; pglite?: PGlite; dispose(): Promise<void> };
export type TestBackend = { name: "embedded" | "postgres"; create(): Promise<TestDatabase> };

const serverUrl = process.env.DAYBOOK_TEST_DATABASE_URL;
if (!serverUrl && process.env.CI) {
  throw new Error("CI must run the database tests on PostgreSQL too: set DAYBOOK_TEST_DATABASE_URL (scripts/test-all.sh does).");
}

const embedded: TestBackend = {
  name: "embedded",
  async create() {
    const pglite = new PGlite();
    await pglite.waitReady;
    return { sql: pgliteSqlClient(pglite), config: null, pglite, dispose: () => pglite.close() };
  },
};

const postgres: TestBackend = {
  name: "postgres",
  async create() {
    const name = `daybook_test_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const sql = await pgSqlClient(url.toString());
    return {
      sql,
      config: { kind: "postgres", url: url.toString() },
      async dispose() {
        await sql.close();
        const cleanup = new pg.Client({ connectionString: serverUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  },
};

export const TEST_BACKENDS: TestBackend[] = serverUrl ? [embedded, postgres] : [embedded];
