import type { PGlite } from "@electric-sql/pglite";

/** What pg-boss needs from a database: one statement with parameters, or a script without. */
export type SqlExecutor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };

/** Where the queue's SQL goes: the very PGlite the Prisma client uses, or the PostgreSQL URL. */
export type QueueDatabase = { kind: "embedded"; executor: SqlExecutor } | { kind: "postgres"; url: string };

const nulls = (values: unknown[]) => values.map((v) => (v === undefined ? null : v));

/**
 * pg-boss over the embedded database in this process. PGlite runs each top-level query and exec under its
 * transaction lock, the lock Prisma's interactive transactions hold, so the queue's SQL never lands
 * inside a Prisma transaction or between its statements.
 */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (values?.length) return { rows: (await db.query<Record<string, unknown>>(text, nulls(values))).rows };
      const results = await db.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
  };
}

type RawQuery = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };

/** pg-boss inside a Prisma transaction: a job is sent together with the run it carries, or not at all. */
export function prismaExecutor(tx: RawQuery): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      return { rows: await tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...nulls(values)) };
    },
  };
}

const globalForQueue = globalThis as unknown as { daybookQueueDb?: QueueDatabase };

export function setQueueDatabase(db: QueueDatabase): void {
  globalForQueue.daybookQueueDb = db;
}

export function queueDatabase(): QueueDatabase | undefined {
  return globalForQueue.daybookQueueDb;
}
