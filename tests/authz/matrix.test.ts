import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import type { Actor } from "@/lib/auth/actor";
import { ROLES } from "@/lib/authz/permissions";
import { matrixContext, type Target } from "./harness";
import { MATRIX, type Scope } from "./matrix";

// Stand-ins for the request only: the session cookie, request headers, Next's cache and Auth.js's
// request handling. Validation, the permission table, the data functions and the database are real.
const fake = vi.hoisted(() => ({ actor: null as Actor | null, signOut: { calls: 0 }, address: 0, handlers: { GET: () => null, POST: () => null } }));
vi.mock("@/lib/auth/session", async () => {
  const { redirect } = await import("next/navigation");
  return {
    getActor: async () => fake.actor,
    requireActor: async () => fake.actor ?? redirect("/login"),
  };
});
vi.mock("@/lib/auth", () => ({
  auth: async () => null,
  signIn: async () => undefined,
  signOut: async () => {
    fake.signOut.calls++;
  },
  handlers: fake.handlers,
}));
vi.mock("next/headers", () => ({
  // A new client address per request, so the join throttle never trips across the matrix's calls.
  headers: async () => new Headers({ host: "127.0.0.1:3000", "x-forwarded-for": `10.${fake.address >> 16 & 255}.${fake.address >> 8 & 255}.${fake.address++ & 255}` }),
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { NotAllowed } = await import("@/components/board/not-allowed");

function filesNeedingRows(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const actions = fs
    .readdirSync("lib/actions")
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => `lib/actions/${f}`)
    .filter((f) => /^\s*["']use server["']/.test(fs.readFileSync(f, "utf8")));
  const app = walk("app").filter((f) => /(^|\/)(page\.tsx|route\.ts)$/.test(f));
  return [...actions, ...app].sort();
}

describe("the authorization matrix", () => {
  it("has a row for every server action, route handler and page, and none for files that are gone", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(filesNeedingRows());
  });
});

describe.each(TEST_BACKENDS)("who may do what, on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  const actors = {} as Record<(typeof ROLES)[number], Actor>;
  const targets = {} as Record<Scope, Target>;
  const ctx = matrixContext({ client: () => demo.client, notAllowed: NotAllowed, signOutSpy: fake.signOut, authHandlers: fake.handlers });

  beforeAll(async () => {
    const db = demo.client;
    const [otto, sara, zed] = await Promise.all(
      [
        { email: "otto@daybook.local", name: "Otto Other", role: "INSTRUCTOR" as const },
        { email: "sara@daybook.local", name: "Sara Other", role: "STAKEHOLDER" as const },
        { email: "zed@daybook.local", name: "Zed Zephyr", role: "STUDENT" as const },
      ].map((data) => db.user.create({ data })),
    );
    const other = await db.cohort.create({ data: { name: "Other cohort", instructorId: otto!.id, stakeholders: { create: { userId: sara!.id } } } });
    const zephyr = await db.team.create({ data: { cohortId: other.id, name: "Team Zephyr", joinCode: "ZEPHYR23", joinCodeExpiresAt: new Date(Date.now() + 86_400_000) } });
    await db.teamMember.create({ data: { userId: zed!.id, teamId: zephyr.id } });
    const demoCohort = (await db.team.findUniqueOrThrow({ where: { id: demo.atlas } })).cohortId;
    const member = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;
    targets.own = { teamId: demo.atlas, teamName: "Team Atlas", cohortId: demoCohort, studentId: await member("amir@daybook.local") };
    targets.sibling = { teamId: demo.borealis, teamName: "Team Borealis", cohortId: demoCohort, studentId: await member("bo@daybook.local") };
    targets.foreign = { teamId: zephyr.id, teamName: "Team Zephyr", cohortId: other.id, studentId: zed!.id };
    actors.STUDENT = await actorFor(db, "alice@daybook.local");
    actors.INSTRUCTOR = await actorFor(db, "instructor@daybook.local");
    actors.STAKEHOLDER = await actorFor(db, "stakeholder@daybook.local");
  });

  it.each(Object.keys(MATRIX))("%s", async (file) => {
    const row = MATRIX[file]!;
    const wrong: string[] = [];
    for (const role of ROLES) {
      for (const scope of ["own", "sibling", "foreign"] as const) {
        fake.actor = actors[role];
        const expected = row.allow[role].includes(scope) ? "allowed" : "denied";
        const actual = await row.run(targets[scope], ctx);
        if (actual !== expected) wrong.push(`${role} on ${scope}: ${actual}, expected ${expected}`);
      }
    }
    fake.actor = null;
    const anonymous = await row.run(targets.own, ctx);
    if (anonymous !== (row.anonymous ? "allowed" : "denied")) wrong.push(`without a session: ${anonymous}, expected ${row.anonymous ? "allowed" : "denied"}`);
    expect(wrong).toEqual([]);
  });
});
