import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_BACKENDS, type TestDatabase } from "@/tests/support/databases";
import { parseSchemaFields, postgresType, readSchemaFields } from "@/tests/support/prisma-schema";
import { migrate, readMigrations, MigrationError, type Migration } from "./migrate";

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
    const expected = scalarFields.map((f) => `${f.model}.${f.name}:${postgresType(f, enums)}:${f.optional ? "null" : "not null"}`);
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

describe("the schema reader behind the schema-vs-migration test", () => {
  it("maps Json, BigInt and timestamptz columns, and refuses a type it does not know", () => {
    const { scalarFields, enums } = parseSchemaFields(`model Run {
  id       BigInt   @id
  evidence Json?
  at       DateTime @db.Timestamptz(3)
  plain    DateTime
  raw      Unsupported
}
`);
    const types = Object.fromEntries(scalarFields.filter((f) => f.type !== "Unsupported").map((f) => [f.name, postgresType(f, enums)]));
    expect(types).toEqual({ id: "bigint", evidence: "jsonb", at: "timestamp with time zone", plain: "timestamp without time zone" });
    expect(scalarFields.find((f) => f.name === "evidence")?.optional).toBe(true);
    expect(() => postgresType(scalarFields.find((f) => f.name === "raw")!, enums)).toThrow(/does not know Run.raw/);
  });
});

describe("scripts/db/new-migration.sh", () => {
  const script = path.join(process.cwd(), "scripts", "db", "new-migration.sh");

  // A throwaway repository with a committed schema and stand-ins for npm and npx, so no registry or database is needed.
  function sandbox(npx: string) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-new-migration-"));
    const bin = path.join(root, "bin");
    const repo = path.join(root, "repo");
    fs.mkdirSync(bin);
    fs.mkdirSync(path.join(repo, "prisma", "migrations"), { recursive: true });
    fs.writeFileSync(path.join(bin, "npm"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    fs.writeFileSync(path.join(bin, "npx"), `#!/bin/sh\n${npx}\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(repo, "prisma", "schema.prisma"), 'datasource db {\n  provider = "postgresql"\n}\n');
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=t@t", "-c", "user.name=t", ...args], { cwd: repo });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "schema");
    const run = () =>
      spawnSync("bash", [script, "next"], { cwd: repo, encoding: "utf8", env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SCRATCH_DATABASE_URL: "postgresql://unused" } });
    const entries = () => fs.readdirSync(path.join(repo, "prisma", "migrations")).concat(fs.readdirSync(path.join(repo, "prisma")).filter((n) => n.startsWith(".")));
    return { run, entries, repo, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
  }

  it("leaves nothing behind when the diff fails halfway through its output", () => {
    const box = sandbox(`echo 'CREATE TABLE "Half" ('; exit 1`);
    try {
      expect(box.run().status).not.toBe(0);
      expect(box.entries()).toEqual([]);
    } finally {
      box.dispose();
    }
  });

  it("writes nothing when the diff has no statements", () => {
    const box = sandbox(`echo '-- This is an empty migration.'`);
    try {
      const result = box.run();
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/nothing written/);
      expect(box.entries()).toEqual([]);
    } finally {
      box.dispose();
    }
  });

  it("moves a complete migration into place", () => {
    const box = sandbox(`echo 'CREATE TABLE "Whole" ("id" TEXT);'`);
    try {
      expect(box.run().status).toBe(0);
      const [dir, ...rest] = box.entries();
      expect(rest).toEqual([]);
      expect(dir).toMatch(/^\d{14}_next$/);
      expect(fs.readFileSync(path.join(box.repo, "prisma", "migrations", dir!, "migration.sql"), "utf8")).toContain('CREATE TABLE "Whole"');
    } finally {
      box.dispose();
    }
  });
});
