import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { createTeam, joinTeamWithCode, listCohorts } from "./cohorts";
import { NoteConflictError, saveStepNote } from "./notes";
import { getStepHistory, getTeamStepStates, setStepStatus, StatusConflictError } from "./progress";

// Teammates act at the same moment: every outcome must be a clean success, a no-op or an explained conflict.
describe.each(TEST_BACKENDS)("concurrent writes on $name", (backend) => {
  const demo = useSeededDatabase(backend);

  it("applies exactly one of several simultaneous status changes from the same starting status", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const amir = await actorFor(demo.client, "amir@daybook.local");
    const attempts = [
      setStepStatus(alice, { teamId: demo.atlas, stepId: "d05-s1", status: "DONE_MANUAL", expected: "NOT_STARTED" }),
      setStepStatus(amir, { teamId: demo.atlas, stepId: "d05-s1", status: "IN_PROGRESS", expected: "NOT_STARTED" }),
      setStepStatus(alice, { teamId: demo.atlas, stepId: "d05-s1", status: "DONE_MANUAL", expected: "NOT_STARTED" }),
      setStepStatus(amir, { teamId: demo.atlas, stepId: "d05-s1", status: "IN_PROGRESS", expected: "NOT_STARTED" }),
    ];
    const outcomes = await Promise.allSettled(attempts);
    const applied = outcomes.flatMap((o) => (o.status === "fulfilled" && o.value.changed ? [o.value.status] : []));
    expect(applied).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(StatusConflictError);

    const final = (await getTeamStepStates(alice, demo.atlas)).get("d05-s1");
    expect(final?.status).toBe(applied[0]);
    const history = await getStepHistory(alice, demo.atlas, "d05-s1");
    expect(history.map((e) => [e.fromStatus, e.toStatus])).toEqual([["NOT_STARTED", applied[0]]]);
  });

  it("refuses a change based on a status a teammate has replaced, and says what it is now", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const amir = await actorFor(demo.client, "amir@daybook.local");
    await setStepStatus(alice, { teamId: demo.atlas, stepId: "d06-s1", status: "IN_PROGRESS", expected: "NOT_STARTED" });
    const stale = setStepStatus(amir, { teamId: demo.atlas, stepId: "d06-s1", status: "NOT_STARTED", expected: "DONE_MANUAL" });
    await expect(stale).rejects.toBeInstanceOf(StatusConflictError);
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT", current: { status: "IN_PROGRESS", updatedBy: "Alice Atlas" } });
    // Asking for the status it already has is a no-op, whatever the page showed.
    expect(await setStepStatus(amir, { teamId: demo.atlas, stepId: "d06-s1", status: "IN_PROGRESS", expected: "NOT_STARTED" })).toMatchObject({ changed: false });
    expect(await getStepHistory(amir, demo.atlas, "d06-s1")).toHaveLength(1);
  });

  it("keeps the first of two simultaneous new notes and hands the other writer the saved text", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const amir = await actorFor(demo.client, "amir@daybook.local");
    const base = { teamId: demo.atlas, stepId: "d07-s1", blocked: false, blockedReason: null, baseVersion: 0 };
    const outcomes = await Promise.allSettled([saveStepNote(alice, { ...base, body: "from alice" }), saveStepNote(amir, { ...base, body: "from amir" })]);
    const saved = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
    expect(saved).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(NoteConflictError);
    expect((refused[0] as NoteConflictError).latest).toMatchObject({ body: saved[0]!.body, version: 1 });
  });

  it("answers the same author's repeated save of the same base version with the saved note, not a conflict", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const base = { teamId: demo.atlas, stepId: "d07-s2", blocked: true, blockedReason: " quota " };
    // A double click on a new note, then on an edit of it: both requests of each pair carry the same base version.
    const created = await Promise.all([saveStepNote(alice, { ...base, body: "first", baseVersion: 0 }), saveStepNote(alice, { ...base, body: "first", baseVersion: 0 })]);
    expect(created.map((n) => [n.version, n.body, n.blockedReason])).toEqual([[1, "first", "quota"], [1, "first", "quota"]]);
    const edited = await Promise.all([saveStepNote(alice, { ...base, body: "second", baseVersion: 1 }), saveStepNote(alice, { ...base, body: "second", baseVersion: 1 })]);
    expect(edited.map((n) => n.version)).toEqual([2, 2]);
    // A late retry of the first save is answered as it was written only while nothing newer exists.
    await expect(saveStepNote(alice, { ...base, body: "first", baseVersion: 0 })).rejects.toBeInstanceOf(NoteConflictError);
    // The same base version from a teammate, or with different text, is still a conflict.
    const amir = await actorFor(demo.client, "amir@daybook.local");
    await expect(saveStepNote(amir, { ...base, body: "second", baseVersion: 1 })).rejects.toBeInstanceOf(NoteConflictError);
    await expect(saveStepNote(alice, { ...base, body: "other", baseVersion: 1 })).rejects.toBeInstanceOf(NoteConflictError);
  });

  it("answers a stale note save with the newer note, and accepts the save once rebased on it", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const amir = await actorFor(demo.client, "amir@daybook.local");
    const base = { teamId: demo.atlas, stepId: "d08-s1", blocked: false, blockedReason: null };
    const first = await saveStepNote(alice, { ...base, body: "v1", baseVersion: 0 });
    await saveStepNote(amir, { ...base, body: "v2 by amir", blocked: true, blockedReason: "quota", baseVersion: first.version });
    const error = await saveStepNote(alice, { ...base, body: "v2 by alice", baseVersion: first.version }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoteConflictError);
    expect((error as NoteConflictError).latest).toMatchObject({ body: "v2 by amir", blocked: true, blockedReason: "quota", updatedBy: "Amir Atlas", version: 2 });
    expect((error as Error).message).toMatch(/^Amir Atlas saved this note/);
    const merged = await saveStepNote(alice, { ...base, body: "v2 by amir + alice", baseVersion: 2 });
    expect(merged).toMatchObject({ body: "v2 by amir + alice", version: 3, updatedBy: "Alice Atlas", author: "Alice Atlas" });
  });

  it("creates one account when the same join form is submitted twice at once", async () => {
    const { joinCode } = await demo.client.team.findUniqueOrThrow({ where: { id: demo.atlas } });
    const input = { code: joinCode, name: "Dee", email: "dee@daybook.local", password: "long enough pw" };
    // Both get the same answer (a join never says whether the email had an account); one account exists.
    const outcomes = await Promise.allSettled([joinTeamWithCode(input, "198.51.100.8"), joinTeamWithCode(input, "198.51.100.8")]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await demo.client.user.count({ where: { email: "dee@daybook.local" } })).toBe(1);
  });

  it("refuses a second team with the same name in a cohort", async () => {
    const instructor = await actorFor(demo.client, "instructor@daybook.local");
    const cohort = await demo.client.cohort.findFirstOrThrow();
    await expect(createTeam(instructor, cohort.id, "Team Atlas")).rejects.toMatchObject({ code: "CONFLICT", message: 'This cohort already has a team called "Team Atlas".' });
  });

  it("lists only cohorts whose board the permission table opens to the actor", async () => {
    const cohort = await demo.client.cohort.findFirstOrThrow();
    expect((await listCohorts(await actorFor(demo.client, "instructor@daybook.local"))).map((c) => c.id)).toEqual([cohort.id]);
    expect((await listCohorts(await actorFor(demo.client, "stakeholder@daybook.local"))).map((c) => c.id)).toEqual([cohort.id]);
    expect(await listCohorts(await actorFor(demo.client, "alice@daybook.local"))).toEqual([]);
  });
});
