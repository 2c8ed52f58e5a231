import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { authorizeCredentials } from "@/lib/auth/providers";
import { setChecklistItem } from "@/lib/data/checklist";
import { disconnectTeamCluster, updateClusterSettings } from "@/lib/data/clusters";
import { createCohort, createTeam, joinTeamWithCode, rotateJoinCode, setMemberDesignation } from "@/lib/data/cohorts";
import { saveStepNote } from "@/lib/data/notes";
import { saveCohortCalendar } from "@/lib/data/calendar";
import { postStepComment } from "@/lib/data/comments";
import { expireJoinCode, moveTeamMember, removeTeamMember, renameTeam, setTeamArchived } from "@/lib/data/cohorts";
import { inviteToCohort } from "@/lib/data/invites";
import { resetStep } from "@/lib/data/step-reset";
import { setStepStatus } from "@/lib/data/progress";
import { attestStep, overrideGate } from "@/lib/data/runs";
import { preExecutionChecklist } from "@/lib/course/checklist";
import { loadCourse } from "@/lib/course/load";
import { getBoss, RUN_QUEUE, stopBoss } from "@/lib/queue/boss";
import { runPolicy } from "@/lib/queue/policy";
import { recordRunVerdict } from "@/lib/runs/step-status";
import { closeRun, openRun, releaseRun, takeRun } from "@/lib/runs/store";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { sha256Hex } from "./hash";
import { prismaChainSource } from "./source";
import { verifyChain } from "./verify";

// Each state change the existing data functions make leaves exactly the event that describes it.
describe.each(TEST_BACKENDS)("audit events of state changes on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  afterAll(() => stopBoss());
  let alice: Actor, ines: Actor;
  beforeAll(async () => {
    alice = await actorFor(demo.client, "alice@daybook.local");
    ines = await actorFor(demo.client, "instructor@daybook.local");
  });
  const last = async () => {
    const e = await demo.client.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    return { ...e, data: JSON.parse(e.data) as Record<string, unknown> };
  };
  const count = () => demo.client.auditEvent.count();

  it("step status, note, override, checklist and attestation", async () => {
    const cohortId = (await demo.client.team.findUniqueOrThrow({ where: { id: demo.atlas } })).cohortId;
    await setStepStatus(alice, { teamId: demo.atlas, stepId: "d01-s1", status: "IN_PROGRESS" });
    expect(await last()).toMatchObject({ type: "step.status", actorId: alice.id, teamId: demo.atlas, cohortId, subject: "d01-s1", data: { from: "NOT_STARTED", to: "IN_PROGRESS", outOfOrder: false } });
    const before = await count();
    await setStepStatus(alice, { teamId: demo.atlas, stepId: "d01-s1", status: "IN_PROGRESS" });
    expect(await count()).toBe(before);

    await saveStepNote(alice, { teamId: demo.atlas, stepId: "d02-s1", body: "secret-ish text", blocked: true, blockedReason: "quota", baseVersion: 0 });
    const note = await last();
    expect(note).toMatchObject({ type: "note.saved", subject: "d02-s1", data: { version: 1, blocked: true, blockedReason: "quota", chars: 15, bodySha256: sha256Hex("secret-ish text") } });
    expect(note.data).not.toHaveProperty("body");

    await overrideGate(ines, { teamId: demo.atlas, stepId: "d05-s1", reason: "cluster outage" });
    expect(await last()).toMatchObject({ type: "gate.override", actorId: ines.id, subject: "d05-s1", data: { reason: "cluster outage" } });

    const item = preExecutionChecklist(loadCourse())[0]!.key;
    await setChecklistItem(alice, { teamId: demo.atlas, itemKey: item, checked: true });
    expect(await last()).toMatchObject({ type: "checklist.changed", subject: item, data: { checked: true } });
    const ticked = await count();
    await setChecklistItem(alice, { teamId: demo.atlas, itemKey: item, checked: true });
    expect(await count()).toBe(ticked);

    await attestStep(alice, { teamId: demo.atlas, stepId: "d19-s1", checkId: "training-held", fields: {} });
    expect(await last()).toMatchObject({ type: "run.closed", actorId: alice.id, data: { kind: "ATTEST", status: "PASSED", checkId: "training-held", stepId: "d19-s1" } });
  });

  it("runs opened, closed, handed back and interrupted, each in the transaction of its change", async () => {
    const open = () => openRun({ teamId: demo.atlas, stepId: "d03-s1", kind: "VERIFY", startedById: alice.id, results: { type: "verify", checks: [] }, job: {}, policy: runPolicy({ kind: "VERIFY" }) });
    const fresh = { type: "verify" as const, checks: [] };
    const opened = await open();
    expect(await last()).toMatchObject({ type: "run.opened", subject: opened.id, data: { stepId: "d03-s1", kind: "VERIFY" } });
    const taken = (await takeRun(opened.id, "worker-a", fresh))!;
    expect(await closeRun(taken.lease, { status: "FAILED", summary: "0 of 2 checks met", results: fresh }, (tx) => recordRunVerdict(demo.atlas, "d03-s1", "FAILED", opened.id, alice.id, tx))).toBe(true);
    // The verdict's event and the run's close are one transaction; the close is appended last.
    const [closed, status] = await demo.client.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 2 });
    expect(closed).toMatchObject({ type: "run.closed", subject: opened.id });
    expect(JSON.parse(closed!.data)).toMatchObject({ status: "FAILED", summary: "0 of 2 checks met", attempt: 1, workerId: "worker-a" });
    expect(status).toMatchObject({ type: "step.status", subject: "d03-s1" });
    // A lease that no longer holds the run closes nothing and leaves no event.
    const before = await count();
    expect(await closeRun(taken.lease, { status: "PASSED", summary: "late", results: fresh })).toBe(false);
    expect(await count()).toBe(before);

    const again = await open();
    expect(await open()).toEqual({ id: again.id, created: false });
    expect(await demo.client.auditEvent.count({ where: { type: "run.opened", subject: again.id } })).toBe(1);
    await takeRun(again.id, "worker-b", fresh);
    expect(await releaseRun(again.id, "worker-b", "Waiting for another worker: the one running it was shut down.")).toBe(true);
    expect(await last()).toMatchObject({ type: "run.requeued", subject: again.id, data: { attempt: 1, workerId: "worker-b" } });
    const second = (await takeRun(again.id, "worker-c", fresh))!;
    expect(await closeRun(second.lease, { status: "INTERRUPTED", summary: "Interrupted: its worker was shut down.", results: fresh })).toBe(true);
    expect(await last()).toMatchObject({ type: "run.interrupted", subject: again.id, teamId: demo.atlas, data: { attempt: 2, workerId: "worker-c" } });
    await (await getBoss()).cancel(RUN_QUEUE, (await demo.client.run.findMany({ where: { id: { in: [opened.id, again.id] } }, select: { jobId: true } })).map((r) => r.jobId!));
  });

  it("cohorts, teams, join codes, designations and joining", async () => {
    const cohort = await createCohort(ines, "Audit cohort");
    expect(await last()).toMatchObject({ type: "cohort.created", cohortId: cohort.id, data: { name: "Audit cohort" } });
    const team = await createTeam(ines, cohort.id, "Team Ledger");
    expect(await last()).toMatchObject({ type: "team.created", teamId: team.id, cohortId: cohort.id });
    const rotated = await rotateJoinCode(ines, team.id);
    const event = await last();
    expect(event).toMatchObject({ type: "joinCode.rotated", teamId: team.id });
    expect(JSON.stringify(event)).not.toContain(rotated.joinCode);
    await joinTeamWithCode({ code: rotated.joinCode, name: "Lea Ledger", email: "lea@daybook.local", password: "long enough pw" }, "192.0.2.40");
    const lea = await demo.client.user.findUniqueOrThrow({ where: { email: "lea@daybook.local" } });
    expect(await last()).toMatchObject({ type: "membership.joined", actorId: lea.id, teamId: team.id, subject: lea.id });
    await setMemberDesignation(ines, lea.id, "TECH_LEAD");
    expect(await last()).toMatchObject({ type: "designation.changed", teamId: team.id, subject: lea.id, data: { designation: "TECH_LEAD" } });
  });

  it("cluster changes that change nothing leave no event", async () => {
    const before = await count();
    await disconnectTeamCluster(alice, demo.atlas);
    await expect(updateClusterSettings(alice, { teamId: demo.atlas, namespace: "ecommerce", registry: "", mirrorPublic: false, productionUrl: null, monitoringUrl: null, productionHost: null, monitoringHost: null })).rejects.toMatchObject({ code: "INVALID" });
    expect(await count()).toBe(before);
  });

  it("failed sign-ins, naming the account only when it exists and never the typed email", async () => {
    await authorizeCredentials({ email: "bea@daybook.local", password: "wrong password" }, new Headers({ "x-forwarded-for": "192.0.2.50" }));
    const bea = await demo.client.user.findUniqueOrThrow({ where: { email: "bea@daybook.local" } });
    expect(await last()).toMatchObject({ type: "signin.failed", actorId: null, subject: bea.id, data: { reason: "wrong-password", address: "address:192.0.2.50" } });
    await authorizeCredentials({ email: "nobody-typed-this@daybook.local", password: "x" }, new Headers({ "x-forwarded-for": "192.0.2.50" }));
    const unknown = await last();
    expect(unknown).toMatchObject({ type: "signin.failed", subject: null, data: { reason: "unknown-account" } });
    expect(JSON.stringify(unknown)).not.toContain("nobody-typed-this");
  });

  it("the instructor's review: reset, comments, team management, invitations and the calendar", async () => {
    const atlas = await demo.client.team.findUniqueOrThrow({ where: { id: demo.atlas } });
    await setStepStatus(alice, { teamId: demo.atlas, stepId: "d04-s1", status: "IN_PROGRESS" });
    await resetStep(ines, { teamId: demo.atlas, stepId: "d04-s1", reason: "start over" });
    expect(await last()).toMatchObject({ type: "step.reset", actorId: ines.id, teamId: demo.atlas, subject: "d04-s1", data: { from: "IN_PROGRESS", reason: "start over" } });
    await postStepComment(ines, { teamId: demo.atlas, stepId: "d04-s1", body: "private words" });
    const comment = await last();
    expect(comment).toMatchObject({ type: "comment.posted", subject: "d04-s1", data: { chars: 13, bodySha256: sha256Hex("private words") } });
    expect(JSON.stringify(comment)).not.toContain("private words");

    await renameTeam(ines, demo.borealis, "Team Boreal");
    expect(await last()).toMatchObject({ type: "team.renamed", teamId: demo.borealis, data: { from: "Team Borealis", to: "Team Boreal" } });
    const renamed = await count();
    await renameTeam(ines, demo.borealis, "Team Boreal");
    expect(await count()).toBe(renamed);
    await setTeamArchived(ines, demo.borealis, true);
    expect(await last()).toMatchObject({ type: "team.archived", teamId: demo.borealis, data: { archived: true } });
    await setTeamArchived(ines, demo.borealis, false);
    await expireJoinCode(ines, demo.borealis);
    expect(await last()).toMatchObject({ type: "joinCode.expired", teamId: demo.borealis });

    const bo = await demo.client.user.findUniqueOrThrow({ where: { email: "bo@daybook.local" } });
    await moveTeamMember(ines, bo.id, demo.atlas);
    expect(await last()).toMatchObject({ type: "membership.moved", teamId: demo.atlas, subject: bo.id, data: { fromTeamId: demo.borealis } });
    await removeTeamMember(ines, bo.id);
    expect(await last()).toMatchObject({ type: "membership.removed", teamId: demo.atlas, subject: bo.id });

    await inviteToCohort(ines, { cohortId: atlas.cohortId, email: "new.stakeholder@example.org", role: "STAKEHOLDER" });
    const invited = await last();
    expect(invited).toMatchObject({ type: "cohort.invited", cohortId: atlas.cohortId, data: { role: "STAKEHOLDER", added: false } });
    expect(JSON.stringify(invited)).not.toContain("new.stakeholder");
    await saveCohortCalendar(ines, { cohortId: atlas.cohortId, startDate: "2027-01-04", weekdays: [1, 2, 3, 4, 5], holidays: [], timeZone: "UTC" });
    expect(await last()).toMatchObject({ type: "calendar.saved", cohortId: atlas.cohortId, data: { startDate: "2027-01-04", timeZone: "UTC" } });
  });

  it("leaves a chain that verifies", async () => {
    expect(await verifyChain(prismaChainSource(demo.client))).toMatchObject({ ok: true });
  });
});
