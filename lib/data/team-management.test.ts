import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { readActor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { getCohortBoard } from "./board";
import { getCohortCalendar, getTeamCalendar, saveCohortCalendar } from "./calendar";
import { expireJoinCode, listCohorts, lookupJoinCode, moveTeamMember, removeTeamMember, renameTeam, rotateJoinCode, setTeamArchived } from "./cohorts";
import { acceptInvite, getCohortPeople, inviteToCohort, lookupInvite } from "./invites";
import { getTeamReview } from "./team-review";

const forbidden = { code: "FORBIDDEN" };

describe.each(TEST_BACKENDS)("managing a cohort on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  const cohortId = async () => (await demo.client.cohort.findFirstOrThrow()).id;

  it("renames and archives a team: it leaves the board, keeps its data, and comes back on restore", async () => {
    const ines = await actorFor(demo.client, "instructor@daybook.local");
    const bo = await actorFor(demo.client, "bo@daybook.local");
    await expect(renameTeam(bo, demo.borealis, "Team Bo")).rejects.toMatchObject(forbidden);
    await expect(renameTeam(ines, demo.borealis, "Team Atlas")).rejects.toMatchObject({ code: "CONFLICT", message: 'This cohort already has a team called "Team Atlas".' });
    expect(await renameTeam(ines, demo.borealis, "Team Aurora")).toEqual({ name: "Team Aurora" });
    await demo.client.stepProgress.create({ data: { teamId: demo.borealis, stepId: "d01-s1", status: "DONE_MANUAL" } });

    expect((await setTeamArchived(ines, demo.borealis, true)).archivedAt).toBeInstanceOf(Date);
    expect((await getCohortBoard(ines, await cohortId())).teams.map((t) => t.name)).toEqual(["Team Atlas"]);
    const managed = await getCohortBoard(ines, await cohortId(), { includeArchived: true });
    expect(managed.teams.find((t) => t.name === "Team Aurora")).toMatchObject({ archivedAt: expect.any(Date), members: [{ name: "Bea Borealis" }, { name: "Bo Borealis" }] });
    expect(await demo.client.stepProgress.count({ where: { teamId: demo.borealis } })).toBe(1);
    expect((await listCohorts(ines))[0]!.teamCount).toBe(2);

    expect(await setTeamArchived(ines, demo.borealis, false)).toEqual({ archivedAt: null });
    expect((await getCohortBoard(ines, await cohortId())).teams).toHaveLength(2);
    await renameTeam(ines, demo.borealis, "Team Borealis");
  });

  it("expires a join code now, and a new one opens joining again", async () => {
    const ines = await actorFor(demo.client, "instructor@daybook.local");
    const sam = await actorFor(demo.client, "stakeholder@daybook.local");
    await expect(expireJoinCode(sam, demo.atlas)).rejects.toMatchObject(forbidden);
    const { joinCode } = await demo.client.team.findUniqueOrThrow({ where: { id: demo.atlas } });
    expect(await lookupJoinCode(joinCode, "10.9.0.1")).toMatchObject({ status: "open" });
    const { joinCodeExpiresAt } = await expireJoinCode(ines, demo.atlas);
    expect(joinCodeExpiresAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await lookupJoinCode(joinCode, "10.9.0.1")).toEqual({ status: "expired" });
    // Expiring twice keeps the first time.
    expect((await expireJoinCode(ines, demo.atlas)).joinCodeExpiresAt).toEqual(joinCodeExpiresAt);
    const fresh = await rotateJoinCode(ines, demo.atlas);
    expect(await lookupJoinCode(fresh.joinCode, "10.9.0.1")).toMatchObject({ status: "open" });
  });

  it("moves a student to another team (without their designation) and removes one, keeping their account", async () => {
    const ines = await actorFor(demo.client, "instructor@daybook.local");
    const bea = await actorFor(demo.client, "bea@daybook.local");
    const otto = await demo.client.user.create({ data: { email: "otto@daybook.local", name: "Otto Other", role: "INSTRUCTOR" } });
    const other = await demo.client.cohort.create({ data: { name: "Other", instructorId: otto.id } });
    const zephyr = await demo.client.team.create({ data: { cohortId: other.id, name: "Team Zephyr", joinCode: "ZEPHYR99", joinCodeExpiresAt: new Date(Date.now() + 86_400_000) } });

    const before = (await demo.client.user.findUniqueOrThrow({ where: { id: bea.id } })).sessionVersion;
    await expect(moveTeamMember(bea, bea.id, demo.atlas)).rejects.toMatchObject(forbidden);
    await expect(moveTeamMember(ines, bea.id, zephyr.id)).rejects.toMatchObject(forbidden);
    expect(await moveTeamMember(ines, bea.id, demo.atlas)).toEqual({ name: "Bea Borealis", team: "Team Atlas" });
    expect(await demo.client.teamMember.findUniqueOrThrow({ where: { userId: bea.id } })).toMatchObject({ teamId: demo.atlas, designation: "NONE" });
    // The move ended Bea's sessions: the session she had no longer reads as anyone.
    expect(await readActor(demo.client, { id: bea.id }, before)).toBeNull();
    expect((await actorFor(demo.client, "bea@daybook.local")).teamId).toBe(demo.atlas);

    await setTeamArchived(ines, demo.borealis, true);
    await expect(moveTeamMember(ines, bea.id, demo.borealis)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/archived/) });
    await setTeamArchived(ines, demo.borealis, false);
    await moveTeamMember(ines, bea.id, demo.borealis);

    const bo = await actorFor(demo.client, "bo@daybook.local");
    expect(await removeTeamMember(ines, bo.id)).toEqual({ name: "Bo Borealis" });
    expect(await demo.client.teamMember.findUnique({ where: { userId: bo.id } })).toBeNull();
    expect(await demo.client.user.findUnique({ where: { id: bo.id } })).not.toBeNull();
    await expect(removeTeamMember(ines, bo.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await demo.client.teamMember.create({ data: { userId: bo.id, teamId: demo.borealis } });
    await expect(removeTeamMember(await actorFor(demo.client, "otto@daybook.local"), bo.id)).rejects.toMatchObject(forbidden);
  });

  it("invites a second instructor and a stakeholder: an existing account is added, a new email gets a link", async () => {
    const ines = await actorFor(demo.client, "instructor@daybook.local");
    const id = await cohortId();
    await expect(inviteToCohort(await actorFor(demo.client, "stakeholder@daybook.local"), { cohortId: id, email: "x@daybook.local", role: "STAKEHOLDER" })).rejects.toMatchObject(forbidden);

    // Otto already has an instructor account: he is added at once and may review the cohort's teams.
    expect(await inviteToCohort(ines, { cohortId: id, email: "Otto@Daybook.local", role: "INSTRUCTOR" })).toEqual({ kind: "added", name: "Otto Other" });
    expect(await inviteToCohort(ines, { cohortId: id, email: "otto@daybook.local", role: "INSTRUCTOR" })).toEqual({ kind: "already", name: "Otto Other" });
    const otto = await actorFor(demo.client, "otto@daybook.local");
    expect((await getTeamReview(otto, demo.atlas)).team.name).toBe("Team Atlas");
    expect((await listCohorts(otto)).map((c) => c.name)).toContain("Demo cohort");
    await expect(inviteToCohort(ines, { cohortId: id, email: "alice@daybook.local", role: "STAKEHOLDER" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/student account/) });

    const invited = await inviteToCohort(ines, { cohortId: id, email: "cfo@client.example", role: "STAKEHOLDER" });
    expect(invited).toMatchObject({ kind: "invited", email: "cfo@client.example", code: expect.stringMatching(/^[A-Z2-9]{24}$/) });
    const again = await inviteToCohort(otto, { cohortId: id, email: "cfo@client.example", role: "STAKEHOLDER" });
    if (invited.kind !== "invited" || again.kind !== "invited") throw new Error("expected invitations");
    expect(await lookupInvite(invited.code, "10.9.0.2")).toEqual({ status: "unknown" });
    expect(await lookupInvite(again.code, "10.9.0.2")).toEqual({ status: "open", invite: { email: "cfo@client.example", role: "STAKEHOLDER", cohort: "Demo cohort", invitedBy: "Otto Other" } });
    const people = await getCohortPeople(ines, id);
    expect(people).toMatchObject({ owner: { name: "Ines Instructor" }, instructors: [{ name: "Otto Other" }], stakeholders: [{ name: "Sam Stakeholder" }], invites: [{ email: "cfo@client.example", role: "STAKEHOLDER" }] });

    await acceptInvite({ code: again.code, name: "Cora Finance", password: "a long enough password" }, "10.9.0.2");
    const cora = await demo.client.user.findUniqueOrThrow({ where: { email: "cfo@client.example" } });
    expect(cora).toMatchObject({ role: "STAKEHOLDER", name: "Cora Finance" });
    expect(await verifyPassword("a long enough password", cora.passwordHash!)).toBe(true);
    expect((await getCohortBoard(await actorFor(demo.client, "cfo@client.example"), id)).teams).toHaveLength(2);
    expect(await lookupInvite(again.code, "10.9.0.2")).toEqual({ status: "used" });
    await expect(acceptInvite({ code: again.code, name: "Mallory", password: "another long password" }, "10.9.0.2")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getCohortPeople(ines, id)).invites).toEqual([]);
  });

  it("keeps the course calendar per cohort: only its instructors set it, its people read it", async () => {
    const ines = await actorFor(demo.client, "instructor@daybook.local");
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const id = await cohortId();
    const input = { cohortId: id, startDate: "2027-01-04", weekdays: [1, 2, 3, 4, 5], holidays: ["2027-01-06"], timeZone: "Europe/Berlin" };
    await expect(saveCohortCalendar(alice, input)).rejects.toMatchObject(forbidden);
    expect(await getCohortCalendar(ines, id)).toBeNull();
    expect(await saveCohortCalendar(ines, input)).toEqual({ startDate: "2027-01-04", weekdays: [1, 2, 3, 4, 5], holidays: ["2027-01-06"], timeZone: "Europe/Berlin" });
    expect((await getTeamCalendar(alice, demo.atlas, new Date("2027-01-07T09:00:00Z")))?.today).toMatchObject({ day: 3, working: true });
    await expect(getTeamCalendar(alice, demo.borealis)).rejects.toMatchObject(forbidden);
    await saveCohortCalendar(ines, { ...input, weekdays: [1, 3, 5] });
    expect((await getCohortCalendar(ines, id))?.calendar.weekdays).toEqual([1, 3, 5]);
  });
});
