import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { migrate } from "@/lib/db/migrate";
import { pgSqlClient, pgliteSqlClient, type SqlClient } from "@/lib/db/sql-client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { TEST_BACKENDS } from "@/tests/support/databases";

const cli = (env: Record<string, string>, args: string[] = []) =>
  spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.json", "scripts/audit-verify.ts", ...args], { env: { ...process.env, ...env }, encoding: "utf8" });

async function append(client: PrismaClient, n: number) {
  for (let i = 0; i < n; i++) await client.$transaction((tx) => appendAudit(tx, { type: "step.status", cohortId: "c", subject: `d0${i + 1}-s1`, data: { i } }));
}

const tamper = (sql: SqlClient, statement: string) => sql.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER; ${statement}; ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);

// The real command on a real database of each kind: a clean chain passes, a changed row is named.
describe.each(TEST_BACKENDS)("npm run audit:verify on $name", (backend) => {
  it("verifies a clean chain and names a changed event", async () => {
    if (backend.name === "embedded") {
      const state = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-audit-cli-"));
      try {
        const open = async () => {
          const pglite = new PGlite(path.join(state, "pglite"));
          await pglite.waitReady;
          return pglite;
        };
        let pglite = await open();
        await migrate(pgliteSqlClient(pglite, false));
        let client = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
        await append(client, 4);
        // Open beside its owner: refused, so the tool never touches a database in use.
        expect(cli({ DATABASE_URL: "", DAYBOOK_DATA_DIR: state })).toMatchObject({ status: 2, stderr: expect.stringContaining("Stop Daybook first") });
        await client.$disconnect();
        await pglite.close();
        const clean = cli({ DATABASE_URL: "", DAYBOOK_DATA_DIR: state });
        expect(clean.stdout).toMatch(/^Audit chain verified: 4 events, head #4 [0-9a-f]{64}\n$/);
        expect(clean.status).toBe(0);
        pglite = await open();
        await tamper(pgliteSqlClient(pglite, false), `UPDATE "AuditEvent" SET "subject" = 'd09-s9' WHERE "seq" = 3`);
        await pglite.close();
        const broken = cli({ DATABASE_URL: "", DAYBOOK_DATA_DIR: state });
        expect(broken.status).toBe(1);
        expect(broken.stderr).toMatch(/^Audit chain BROKEN at event #3 \(changed\): Event #3 \(step\.status, .*\) was changed/);
      } finally {
        fs.rmSync(state, { recursive: true, force: true });
      }
      return;
    }
    const db = await backend.create();
    const url = (db.config as { url: string }).url;
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      await migrate(db.sql);
      await append(client, 4);
      expect(cli({ DATABASE_URL: url })).toMatchObject({ status: 0, stdout: expect.stringContaining("Audit chain verified: 4 events") });
      const sql = await pgSqlClient(url);
      await tamper(sql, `DELETE FROM "AuditEvent" WHERE "seq" = 2`);
      await sql.close();
      const broken = cli({ DATABASE_URL: url });
      expect(broken.status).toBe(1);
      expect(broken.stderr).toContain("Audit chain BROKEN at event #2 (removed): Event #2 is missing");
    } finally {
      await client.$disconnect();
      await db.dispose();
    }
    // It starts the real command (tsx, Prisma, the database) up to three times: a limit, not a measure.
  }, 120_000);
});
