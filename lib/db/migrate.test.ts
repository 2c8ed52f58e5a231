import { afterEach, describe, expect, it } from "vitest";
import { TEST_BACKENDS, type TestDatabase } from "@/tests/support/databases";
import { readSchemaFields } from "@/tests/support/prisma-schema";
import { migrate, readMigrations, MigrationError, type Migration } from "./migrate";

const POSTGRES_TYPE: Record<string, string> = {
  String: "text",
  Int: "integer",
  Boolean: "boolean",
  DateTime: "timestamp without time zone",
};

describe.each(TEST_BACKENDS)("migration runner on $name", (backend) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.dispose();
    db = undefined;
  });

  it("applies every migration once and records it in _prisma_migrations", async () => {
    db = await backend.create();
    const first = await migrate(db.sql);
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    const second = await migrate(db.sql);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
    const rows = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
    expect(rows[0]!.n).toBe(first.applied.length);
  });

  it("leaves a database whose tables, columns, types and enums match prisma/schema.prisma", async () => {
    db = await backend.create();
    await migrate(db.sql);
    const { models, enums, scalarFields } = readSchemaFields();
    const tables = await db.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    expect(tables.map((t) => t.table_name).sort()).toEqual([...models].sort());

    const columns = await db.sql.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actual = columns.map((c) => `${c.table_name}.${c.column_name}:${c.data_type === "USER-DEFINED" ? c.udt_name : c.data_type}:${c.is_nullable === "YES" ? "null" : "not null"}`);
    const expected = scalarFields.map((f) => `${f.model}.${f.name}:${enums.has(f.type) ? f.type : POSTGRES_TYPE[f.type]}:${f.optional ? "null" : "not null"}`);
    expect(actual.sort()).toEqual(expected.sort());

    for (const [name, values] of enums) {
      const labels = await db.sql.query<{ enumlabel: string }>(
        `SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder`,
        [name],
      );
      expect(labels.map((l) => l.enumlabel)).toEqual(values);
    }
  });

  it("rolls back a failing migration and reports which one failed", async () => {
    db = await backend.create();
    const broken: Migration[] = [
      { name: "001_ok", sql: "CREATE TABLE a (id int);", checksum: "a" },
      { name: "002_bad", sql: "CREATE TABLE b (id int); SELECT * FROM missing_table;", checksum: "b" },
    ];
    await expect(migrate(db.sql, broken)).rejects.toThrow(/002_bad failed and was rolled back/);
    const b = await db.sql.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'b'`);
    expect(b).toHaveLength(0);
    const history = await db.sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(history.map((h) => h.migration_name)).toEqual(["001_ok"]);
  });

  it("refuses a migration edited after it was applied", async () => {
    db = await backend.create();
    await migrate(db.sql, [{ name: "001", sql: "CREATE TABLE c (id int);", checksum: "one" }]);
    await expect(migrate(db.sql, [{ name: "001", sql: "CREATE TABLE c (id bigint);", checksum: "two" }])).rejects.toBeInstanceOf(MigrationError);
  });
});
