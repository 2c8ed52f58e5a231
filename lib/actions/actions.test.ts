import { beforeEach, describe, expect, it, vi } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import type { Actor } from "@/lib/auth/actor";

// The session cookie and Next's cache are the only stand-ins: validation, the permission table and the database are real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({
  requireActor: async () => {
    if (!session.actor) throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/login;307;" });
    return session.actor;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { setStepStatus } = await import("./set-step-status");
const { saveStepNote } = await import("./save-step-note");
const { createTeam } = await import("./create-team");
const { setMemberDesignation } = await import("./set-member-designation");
const { revalidatePath } = await import("next/cache");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe.each(TEST_BACKENDS)("server actions on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  beforeEach(() => vi.mocked(revalidatePath).mockClear());

  it("without a session, every action stops at the sign-in redirect and writes nothing", async () => {
    session.actor = null;
    await expect(setStepStatus({ teamId: demo.atlas, stepId: "d01-s1", status: "DONE_MANUAL" })).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT/) });
    expect(await demo.client.stepProgress.count()).toBe(0);
  });

  it("set-step-status: validates, refuses another team, records its own and revalidates the plan", async () => {
    session.actor = await actorFor(demo.client, "alice@daybook.local");
    expect(await setStepStatus({ teamId: demo.atlas, stepId: "day one", status: "DONE_MANUAL" })).toMatchObject({ ok: false, fieldErrors: { stepId: ["Unknown step."] } });
    expect(await setStepStatus({ teamId: demo.atlas, stepId: "d01-s1", status: "VERIFIED" as "DONE_MANUAL" })).toMatchObject({ ok: false, fieldErrors: { status: [expect.any(String)] } });
    expect(await setStepStatus({ teamId: demo.borealis, stepId: "d01-s1", status: "DONE_MANUAL" })).toEqual({ ok: false, code: "FORBIDDEN", message: "You are not allowed to change this team's progress." });
    expect(revalidatePath).not.toHaveBeenCalled();

    expect(await setStepStatus({ teamId: demo.atlas, stepId: "d01-s1", status: "DONE_MANUAL", expected: "NOT_STARTED" })).toEqual({ ok: true, data: { status: "DONE_MANUAL", changed: true, skippedSteps: [] } });
    expect(revalidatePath).toHaveBeenCalledWith("/plan", "layout");
    expect(await demo.client.stepProgress.count({ where: { teamId: demo.borealis } })).toBe(0);
  });

  it("set-step-status: a stale page gets the current status back instead of overwriting it", async () => {
    session.actor = await actorFor(demo.client, "amir@daybook.local");
    const result = await setStepStatus({ teamId: demo.atlas, stepId: "d01-s1", status: "IN_PROGRESS", expected: "NOT_STARTED" });
    expect(result).toMatchObject({ ok: false, current: "DONE_MANUAL", message: expect.stringMatching(/^Alice Atlas changed this step to Done \(by hand\)/) });
    expect((await demo.client.stepProgress.findFirstOrThrow({ where: { teamId: demo.atlas, stepId: "d01-s1" } })).status).toBe("DONE_MANUAL");
  });

  it("save-step-note: refuses an oversized note with a clear message and returns the newer note on a conflict", async () => {
    session.actor = await actorFor(demo.client, "bea@daybook.local");
    const base = { teamId: demo.borealis, stepId: "d02-s1", blocked: false, blockedReason: null };
    expect(await saveStepNote({ ...base, body: "x".repeat(20_001), baseVersion: 0 })).toMatchObject({ ok: false, message: "Notes are limited to 20,000 characters." });
    expect(await demo.client.stepNote.count()).toBe(0);

    expect(await saveStepNote({ ...base, body: "first", baseVersion: 0 })).toMatchObject({ ok: true, data: { body: "first", version: 1 } });
    session.actor = await actorFor(demo.client, "bo@daybook.local");
    const stale = await saveStepNote({ ...base, body: "mine", baseVersion: 0 });
    expect(stale).toMatchObject({ ok: false, latest: { body: "first", version: 1, updatedBy: "Bea Borealis" } });
    expect((await demo.client.stepNote.findFirstOrThrow({ where: { teamId: demo.borealis, stepId: "d02-s1" } })).body).toBe("first");
  });

  it("create-team and set-member-designation: only the cohort's instructor", async () => {
    const cohort = await demo.client.cohort.findFirstOrThrow();
    session.actor = await actorFor(demo.client, "alice@daybook.local");
    expect(await createTeam({ ok: false }, form({ cohortId: cohort.id, name: "Team Rogue" }))).toMatchObject({ ok: false, message: expect.stringMatching(/^You are not allowed to /) });
    const bo = await actorFor(demo.client, "bo@daybook.local");
    expect(await setMemberDesignation({ userId: bo.id, designation: "TECH_LEAD" })).toMatchObject({ ok: false, message: expect.stringMatching(/^You are not allowed to /) });
    session.actor = await actorFor(demo.client, "stakeholder@daybook.local");
    expect(await setMemberDesignation({ userId: bo.id, designation: "TECH_LEAD" })).toMatchObject({ ok: false, message: expect.stringMatching(/^You are not allowed to /) });
    expect((await demo.client.teamMember.findUniqueOrThrow({ where: { userId: bo.id } })).designation).toBe("NONE");

    session.actor = await actorFor(demo.client, "instructor@daybook.local");
    expect(await createTeam({ ok: false }, form({ cohortId: cohort.id, name: "x" }))).toMatchObject({ ok: false, fieldErrors: { name: ["Give the team a name."] } });
    expect(await createTeam({ ok: false }, form({ cohortId: cohort.id, name: "Team Cumulus" }))).toMatchObject({ ok: true, data: { name: "Team Cumulus", joinCode: expect.stringMatching(/^[A-Z0-9]{6,}$/) } });
    expect(await setMemberDesignation({ userId: bo.id, designation: "TECH_LEAD" })).toEqual({ ok: true, data: undefined });
    expect(await setMemberDesignation({ userId: "no-such-user", designation: "TECH_LEAD" })).toEqual({ ok: false, code: "NOT_FOUND", message: "That student is not on a team." });
    expect(await demo.client.team.count({ where: { name: "Team Rogue" } })).toBe(0);
  });
});

describe("form actions called with something other than a form", () => {
  it("answer with a clear refusal instead of throwing", async () => {
    const { createCohort } = await import("./create-cohort");
    for (const bad of ["name=x", 42, null, ["name", "x"], new Map([["name", "x"]])]) {
      expect(await createTeam({ ok: false }, bad as unknown as FormData)).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/did not come from a Daybook form/) });
      expect(await createCohort({ ok: false }, bad as unknown as FormData)).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    }
  });
});
