import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { makePrivate } from "./private-dir";

/** The few SQL operations the migration runner and tests need, over either database. */
export interface SqlClient {
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export function pgliteSqlClient(db: PGlite, ownsDb = true): SqlClient {
  return {
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      if (ownsDb) await db.close();
    },
  };
}

// One connection, not a pool: the migration runner's BEGIN/COMMIT must share a session.
export async function pgSqlClient(url: string): Promise<SqlClient> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await client.query<T>(sql, params)).rows;
    },
    async exec(sql) {
      await client.query(sql);
    },
    close: () => client.end(),
  };
}

/** Opens the embedded database; its folder, and the state folder around it, are the owner's alone. */
export async function openEmbedded(dataDir: string): Promise<PGlite> {
  makePrivate(path.dirname(dataDir), { recursive: false });
  makePrivate(dataDir);
  const db = new PGlite(dataDir);
  await db.waitReady;
  makePrivate(dataDir);
  return db;
}
