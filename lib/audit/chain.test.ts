import { afterEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { TEST_BACKENDS, type TestDatabase } from "@/tests/support/databases";
import { installTestPrisma } from "@/tests/support/test-prisma";
import { appendAudit, appendAudits } from "./append";
import { GENESIS_HASH } from "./hash";
import { prismaChainSource } from "./source";
import { verifyChain } from "./verify";

// The trail's guarantees are the database's, so each case gets a database of its own on each backend.
describe.each(TEST_BACKENDS)("the audit chain on $name", (backend) => {
  let db: TestDatabase | undefined;
  let client: PrismaClient | undefined;
  afterEach(async () => {
    await client?.$disconnect();
    await db?.dispose();
    db = client = undefined;
  });

  async function withEvents(n: number) {
    db = await backend.create();
    client = await installTestPrisma(db);
    for (let i = 1; i <= n; i++) {
      await client.$transaction((tx) => appendAudit(tx, { type: "note.saved", subject: `d0${i}-s1`, cohortId: "c1", data: { version: i, blocked: i % 2 === 0 } }));
    }
    return { client, sql: db.sql };
  }
  const verify = (c: PrismaClient) => verifyChain(prismaChainSource(c));
  // What a superuser (or the tables' owner) can do: switch the triggers off, edit, switch them on.
  const tamper = async (sql: TestDatabase["sql"], statements: string[]) => {
    await sql.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER; ALTER TABLE "AuditHead" DISABLE TRIGGER USER`);
    for (const s of statements) await sql.exec(s);
    await sql.exec(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER; ALTER TABLE "AuditHead" ENABLE TRIGGER USER`);
  };

  it("links every event to the one before and verifies", async () => {
    const { client } = await withEvents(5);
    const rows = await client.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(rows[1]!.data).toBe('{"blocked":true,"version":2}');
    expect(await verify(client)).toEqual({ ok: true, events: 5, head: { seq: 5, hash: rows[4]!.hash } });
  });

  it("appends several events of one transaction in order, each linked to the one before, and verifies", async () => {
    const { client } = await withEvents(2);
    const head = await client.$transaction((tx) => appendAudits(tx, [3, 4, 5].map((i) => ({ type: "run.opened" as const, subject: `run-${i}`, cohortId: "c1", data: { i } }))));
    const rows = await client.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.subject])).toEqual([[1, "d01-s1"], [2, "d02-s1"], [3, "run-3"], [4, "run-4"], [5, "run-5"]]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(head).toEqual({ seq: 5, hash: rows[4]!.hash });
    expect(await verify(client)).toEqual({ ok: true, events: 5, head: { seq: 5, hash: rows[4]!.hash } });
  });

  it("refuses to update, delete or truncate events, or to move the head, in the database itself", async () => {
    const { client, sql } = await withEvents(3);
    await expect(sql.exec(`UPDATE "AuditEvent" SET "data" = '{}' WHERE "seq" = 2`)).rejects.toThrow(/append-only/);
    await expect(sql.exec(`DELETE FROM "AuditEvent" WHERE "seq" = 3`)).rejects.toThrow(/append-only/);
    await expect(sql.exec(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(sql.exec(`UPDATE "AuditHead" SET "seq" = 2`)).rejects.toThrow(/moves only when an event is appended/);
    await expect(sql.exec(`DELETE FROM "AuditHead"`)).rejects.toThrow(/moves only when an event is appended/);
    await expect(client.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    // An event that does not follow the head (a fork of event 2) is refused too.
    const second = await client.auditEvent.findUniqueOrThrow({ where: { seq: 2 } });
    await expect(sql.exec(`INSERT INTO "AuditEvent" ("seq","at","type","data","prevHash","hash") VALUES (3, now(), 'x', '{}', '${second.prevHash}', 'fork')`)).rejects.toThrow(/does not follow the chain head/);
    expect(await client.auditEvent.count()).toBe(3);
    expect((await verify(client)).ok).toBe(true);
  });

  it("names a changed event", async () => {
    const { client, sql } = await withEvents(6);
    await tamper(sql, [`UPDATE "AuditEvent" SET "data" = '{"blocked":false,"version":4}' WHERE "seq" = 4`]);
    expect(await verify(client)).toMatchObject({ ok: false, events: 3, broken: { seq: 4, kind: "changed", message: expect.stringMatching(/^Event #4 \(note\.saved, .*\) was changed/) } });
  });

  it("names an event changed and re-hashed by its successor's broken link", async () => {
    const { client, sql } = await withEvents(5);
    await tamper(sql, [`UPDATE "AuditEvent" SET "type" = 'gate.override', "hash" = repeat('a', 64) WHERE "seq" = 2`]);
    // Its own hash no longer matches either; the first thing wrong is event 2.
    expect(await verify(client)).toMatchObject({ ok: false, broken: { seq: 2, kind: "changed" } });
  });

  it("names a removed event, and removed events at the end", async () => {
    const { client, sql } = await withEvents(6);
    await tamper(sql, [`DELETE FROM "AuditEvent" WHERE "seq" = 3`]);
    expect(await verify(client)).toMatchObject({ ok: false, events: 2, broken: { seq: 3, kind: "removed", message: expect.stringContaining("Event #3 is missing") } });
    await tamper(sql, [`DELETE FROM "AuditEvent" WHERE "seq" >= 3`]);
    expect(await verify(client)).toMatchObject({ ok: false, broken: { seq: 3, kind: "removed", message: expect.stringContaining("The last 4 event(s) were removed") } });
  });

  it("names reordered events", async () => {
    const { client, sql } = await withEvents(6);
    await tamper(sql, [`UPDATE "AuditEvent" SET "seq" = -1 WHERE "seq" = 4`, `UPDATE "AuditEvent" SET "seq" = 4 WHERE "seq" = 5`, `UPDATE "AuditEvent" SET "seq" = 5 WHERE "seq" = -1`]);
    expect(await verify(client)).toMatchObject({ ok: false, events: 3, broken: { seq: 4, kind: "reordered", message: expect.stringContaining("follows the event stored as #5") } });
  });

  it("appends concurrent events one after another: the chain never forks", async () => {
    const { client } = await withEvents(0);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => client.$transaction((tx) => appendAudit(tx, { type: "step.status", cohortId: "c1", subject: `s${i}`, data: { i } }))),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    const rows = await client.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(24);
    expect(await verify(client)).toMatchObject({ ok: true, events: 24 });
  });

  it("keeps a team's events when the team is deleted", async () => {
    const { client } = await withEvents(0);
    const team = await client.team.findFirstOrThrow({ where: { name: "Team Atlas" } });
    await client.$transaction((tx) => appendAudit(tx, { type: "step.status", teamId: team.id, subject: "d01-s1", data: { from: "NOT_STARTED", to: "IN_PROGRESS" } }));
    await client.team.delete({ where: { id: team.id } });
    const [event] = await client.auditEvent.findMany({ where: { teamId: team.id } });
    expect(event).toMatchObject({ teamId: team.id, cohortId: team.cohortId, type: "step.status" });
    expect((await verify(client)).ok).toBe(true);
  });
});
