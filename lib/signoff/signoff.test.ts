import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { prismaChainSource } from "@/lib/audit/source";
import { verifyChain } from "@/lib/audit/verify";
import { recordRunVerdict } from "@/lib/runs/step-status";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { seedFinishedCourse } from "@/tests/support/finished-course";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { sha256Hex } from "@/lib/audit/hash";
import { checkSignoffRecord, dismissSignoffNotice, exportSignoffRecord, getSignoffView, listSignoffNotices, reopenSignoff, signOff } from "./data";

describe.each(TEST_BACKENDS)("the Step 20.2 sign-off chain on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  let alice: Actor, amir: Actor, bea: Actor, bo: Actor, sam: Actor, ines: Actor;
  const sign = async (actor: Actor, teamId: string, comment = "") => signOff(actor, { teamId, comment, evidenceSha256: (await getSignoffView(actor, teamId)).evidence.sha256 });

  beforeAll(async () => {
    const actor = (n: string) => actorFor(demo.client, `${n}@daybook.local`);
    [alice, amir, bea, bo, sam, ines] = [await actor("alice"), await actor("amir"), await actor("bea"), await actor("bo"), await actor("stakeholder"), await actor("instructor")];
  });
  afterEach(() => {
    delete process.env.DAYBOOK_SIGNOFF_WINDOW_HOURS;
  });

  it("is refused, with the reason, until Step 20.1's final validation has passed", async () => {
    const view = await getSignoffView(bea, demo.borealis);
    expect(view.mine).toEqual({ ok: false, reason: "Step 20.1's final validation has not been run yet. Sign-off opens once it passes." });
    expect(view.may.sign).toBe(false);
    await expect(sign(bea, demo.borealis)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("has not been run yet") });
    await seedFinishedCourse(demo.client, { teamId: demo.borealis, actorId: bea.id, finalValidation: { outcome: "failed", at: new Date(Date.now() - 60 * 3_600_000) } });
    await expect(sign(bea, demo.borealis)).rejects.toMatchObject({ message: expect.stringMatching(/did not pass on its latest run \(.* UTC: fixture: not every check met\)/) });
    expect(await demo.client.signoff.count()).toBe(0);
  });

  it("takes the technical lead, the project manager and a stakeholder in that order, then locks", async () => {
    await seedFinishedCourse(demo.client, { teamId: demo.atlas, actorId: alice.id, finalValidation: { outcome: "passed", at: new Date() } });
    await expect(sign(sam, demo.atlas)).rejects.toMatchObject({ message: "The stakeholder signs after the technical lead, who has not signed yet." });
    await expect(sign(amir, demo.atlas)).rejects.toMatchObject({ message: "The project manager signs after the technical lead, who has not signed yet." });
    await expect(sign(ines, demo.atlas)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(sign(bo, demo.borealis)).rejects.toMatchObject({ message: expect.stringContaining("Only the team's technical lead, project manager and stakeholder sign off") });

    expect(await sign(alice, demo.atlas, "All steps verified on our cluster.")).toMatchObject({ role: "TECH_LEAD", locked: false });
    await expect(sign(alice, demo.atlas)).rejects.toMatchObject({ message: "You already signed this round as technical lead; each person signs once." });
    expect(await sign(amir, demo.atlas, "Schedule and scope met.")).toMatchObject({ role: "PROJECT_MANAGER", locked: false });
    const last = await sign(sam, demo.atlas, "Approved.");
    expect(last).toMatchObject({ role: "STAKEHOLDER", locked: true });

    const view = await getSignoffView(ines, demo.atlas);
    expect(view.locked).toBe(true);
    expect(view.current.signoffs.map((s) => [s.role, s.signerName, s.comment])).toEqual([
      ["TECH_LEAD", "Alice Atlas", "All steps verified on our cluster."],
      ["PROJECT_MANAGER", "Amir Atlas", "Schedule and scope met."],
      ["STAKEHOLDER", "Sam Stakeholder", "Approved."],
    ]);
    expect(view.checks.every((c) => c.intact && c.matchesCurrent)).toBe(true);
    const stored = await demo.client.signoff.findMany({ where: { teamId: demo.atlas } });
    for (const s of stored) {
      expect(sha256Hex(s.evidence)).toBe(s.evidenceHash);
      expect(s.evidenceHash).toBe(last.evidenceSha256);
    }
    // What the hash covers: every step with its latest passing run, and the attestations.
    expect(view.evidence.document.steps).toHaveLength(40);
    expect(view.evidence.document.steps.find((s) => s.stepId === "d20-s1")?.verification).toMatchObject({ status: "PASSED" });
    expect(view.evidence.document.attestations.map((a) => a.checkId)).toContain("training-held");
    await expect(sign(sam, demo.atlas)).rejects.toMatchObject({ message: "The sign-off is complete and locked. Only an instructor can reopen it, with a reason." });
    expect(view.may).toEqual({ sign: false, reopen: true });
  });

  it("refuses a signature over evidence other than the one the signer was shown", async () => {
    await expect(signOff(bea, { teamId: demo.borealis, comment: "", evidenceSha256: "0".repeat(64) })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("names the window when Step 20.1 passed too long ago", async () => {
    await demo.client.run.create({ data: { teamId: demo.borealis, stepId: "d20-s1", kind: "VERIFY", status: "PASSED", startedAt: new Date(Date.now() - 50 * 3_600_000), finishedAt: new Date(Date.now() - 50 * 3_600_000 + 1000), summary: "2 of 2 checks met", results: { type: "verify", checks: [{ checkId: "run-tests-final", status: "pass" }, { checkId: "performance-test", status: "pass" }] } } });
    await expect(sign(bea, demo.borealis)).rejects.toMatchObject({ message: expect.stringMatching(/^Step 20\.1's final validation last passed 49 hours ago \(.*\); a sign-off needs a pass within the last 48 hours\./) });
    process.env.DAYBOOK_SIGNOFF_WINDOW_HOURS = "72";
    const view = await getSignoffView(bea, demo.borealis);
    expect(view.finalValidation.state).toMatchObject({ state: "passed" });
    expect(view.evidence.document.steps.find((s) => s.stepId === "d20-s1")?.verification).toMatchObject({ status: "PASSED" });
    expect(await sign(bea, demo.borealis)).toMatchObject({ role: "TECH_LEAD" });
    process.env.DAYBOOK_SIGNOFF_WINDOW_HOURS = "soon";
    await expect(getSignoffView(bea, demo.borealis)).rejects.toThrow('DAYBOOK_SIGNOFF_WINDOW_HOURS must be a positive number of hours (got "soon").');
  });

  it("marks the round stale when a step regresses after a sign-off, tells the signers, and refuses further signatures", async () => {
    const run = await demo.client.run.create({ data: { teamId: demo.atlas, stepId: "d07-s2", kind: "VERIFY", status: "FAILED", finishedAt: new Date(), summary: "regressed", results: { type: "verify", checks: [] } } });
    await recordRunVerdict(demo.atlas, "d07-s2", "REGRESSED", run.id, alice.id);
    const view = await getSignoffView(alice, demo.atlas);
    expect(view.current.staleReason).toMatch(/^Step 7\.2 \(.+\) regressed on /);
    expect(view.checks[0]).toMatchObject({ intact: true, matchesCurrent: false, changes: [{ number: "7.2", what: "status VERIFIED → REGRESSED" }] });
    for (const signer of [alice, amir, sam]) {
      const notices = await listSignoffNotices(signer);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.message).toMatch(/^Team Atlas's sign-off is stale: Step 7\.2/);
    }
    expect(await listSignoffNotices(bo)).toEqual([]);
    // The actor read with the session says so, which is how every page's layout skips the notices query.
    const reRead = (a: Actor) => actorFor(demo.client, a.email);
    expect([(await reRead(alice)).hasNotices, (await reRead(sam)).hasNotices, (await reRead(bo)).hasNotices]).toEqual([true, true, false]);
    // A second regression does not notify twice.
    await recordRunVerdict(demo.atlas, "d08-s1", "REGRESSED", run.id, alice.id);
    expect(await listSignoffNotices(alice)).toHaveLength(1);
    const notice = (await listSignoffNotices(alice))[0]!;
    await expect(dismissSignoffNotice(amir, notice.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await dismissSignoffNotice(alice, notice.id);
    expect(await listSignoffNotices(alice)).toEqual([]);
    expect((await reRead(alice)).hasNotices).toBe(false);
  });

  it("reopens only for an instructor, with a reason, keeping the earlier round", async () => {
    await expect(reopenSignoff(sam, { teamId: demo.atlas, reason: "please redo" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reopenSignoff(alice, { teamId: demo.atlas, reason: "please redo" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await reopenSignoff(ines, { teamId: demo.atlas, reason: "Step 7.2 regressed; sign again once it is repaired." })).toEqual({ round: 2 });
    const view = await getSignoffView(alice, demo.atlas);
    expect(view.current).toMatchObject({ round: 2, openedBy: "Ines Instructor", openedReason: "Step 7.2 regressed; sign again once it is repaired.", signoffs: [], staleReason: null });
    expect(view.earlier.map((r) => [r.round, r.signoffs.length, r.staleReason !== null])).toEqual([[1, 3, true]]);
    expect(view.locked).toBe(false);
    // The regression still stands, so signing waits for the repair.
    expect(view.mine).toEqual({ ok: false, reason: "Steps 7.2 and 8.1 regressed. Repair and verify them first." });
    expect((await listSignoffNotices(amir)).map((n) => n.message)).toContain("Ines Instructor reopened Team Atlas's sign-off: Step 7.2 regressed; sign again once it is repaired.");
    await expect(reopenSignoff(ines, { teamId: demo.atlas, reason: "again" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("nothing to reopen") });
  });

  it("exports a record anyone can check: its hashes, and against today's evidence", async () => {
    const record = await exportSignoffRecord(sam, demo.atlas);
    expect(record.rounds.map((r) => r.signoffs.length)).toEqual([3, 0]);
    const [hash] = Object.keys(record.evidence);
    expect(sha256Hex(record.evidence[hash!]!)).toBe(hash);
    const checked = await checkSignoffRecord(sam, { teamId: demo.atlas, record: JSON.stringify(record) });
    expect(checked).toMatchObject({ ok: true, teamMatches: true });
    if (!checked.ok) throw new Error("unreachable");
    expect(checked.checks.map((c) => [c.role, c.intact, c.known, c.matchesCurrent])).toEqual([
      ["TECH_LEAD", true, true, false],
      ["PROJECT_MANAGER", true, true, false],
      ["STAKEHOLDER", true, true, false],
    ]);
    expect(checked.checks[0]!.changes.map((c) => c.number)).toEqual(["7.2", "8.1"]);
    const forged = { ...record, evidence: { [hash!]: record.evidence[hash!]!.replace('"status":"VERIFIED"', '"status":"ATTESTED"') } };
    const tampered = await checkSignoffRecord(sam, { teamId: demo.atlas, record: JSON.stringify(forged) });
    expect(tampered.ok && tampered.checks.every((c) => !c.intact)).toBe(true);
    expect(await checkSignoffRecord(sam, { teamId: demo.atlas, record: "{nope" })).toEqual({ ok: false, message: "That is not JSON. Paste the whole file the sign-off page's export gave you." });
    await expect(exportSignoffRecord(bo, demo.atlas)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("gives one signature when the same signer clicks twice at once", async () => {
    const run = await demo.client.run.create({ data: { teamId: demo.atlas, stepId: "d07-s2", kind: "VERIFY", status: "PASSED", finishedAt: new Date(), summary: "ok", results: { type: "verify", checks: [] } } });
    await recordRunVerdict(demo.atlas, "d07-s2", "VERIFIED", run.id, alice.id);
    await recordRunVerdict(demo.atlas, "d08-s1", "VERIFIED", run.id, alice.id);
    const hash = (await getSignoffView(alice, demo.atlas)).evidence.sha256;
    const outcomes = await Promise.allSettled([signOff(alice, { teamId: demo.atlas, comment: "", evidenceSha256: hash }), signOff(alice, { teamId: demo.atlas, comment: "", evidenceSha256: hash })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await demo.client.signoff.count({ where: { teamId: demo.atlas, round: 2 } })).toBe(1);
  });

  it("recorded every signature, staleness and reopening in an audit chain that verifies", async () => {
    const events = await demo.client.auditEvent.findMany({ where: { type: { startsWith: "signoff." } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["signoff.signed", "signoff.signed", "signoff.signed", "signoff.signed", "signoff.stale", "signoff.reopened", "signoff.signed"]);
    expect(JSON.parse(events[1]!.data)).toMatchObject({ role: "PROJECT_MANAGER", round: 1, locked: false });
    expect(JSON.parse(events[2]!.data)).toMatchObject({ role: "STAKEHOLDER", round: 1, locked: true });
    expect(await verifyChain(prismaChainSource(demo.client))).toMatchObject({ ok: true });
  });
});
