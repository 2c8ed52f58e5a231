import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { createCohort, joinTeamWithCode, lookupJoinCode, rotateJoinCode } from "./cohorts";

describe.each(TEST_BACKENDS)("join codes and cohorts on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  const codeOf = async (teamId: string) => (await demo.client.team.findUniqueOrThrow({ where: { id: teamId } })).joinCode;

  it("lets only the cohort's instructor rotate a code; the old one stops working at once", async () => {
    const old = await codeOf(demo.atlas);
    for (const email of ["alice@daybook.local", "stakeholder@daybook.local"]) {
      await expect(rotateJoinCode(await actorFor(demo.client, email), demo.atlas)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const rotated = await rotateJoinCode(await actorFor(demo.client, "instructor@daybook.local"), demo.atlas);
    expect(rotated.joinCode).not.toBe(old);
    expect(rotated.joinCodeExpiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    expect(await lookupJoinCode(old, "192.0.2.1")).toEqual({ status: "unknown" });
    expect(await lookupJoinCode(rotated.joinCode, "192.0.2.1")).toMatchObject({ status: "open", team: { id: demo.atlas } });
  });

  it("refuses an expired code, on the join page and on submit", async () => {
    await demo.client.team.update({ where: { id: demo.borealis }, data: { joinCodeExpiresAt: new Date(Date.now() - 1000) } });
    const code = await codeOf(demo.borealis);
    expect(await lookupJoinCode(code, "192.0.2.2")).toEqual({ status: "expired" });
    await expect(joinTeamWithCode({ code, name: "Late Larry", email: "larry@daybook.local", password: "long enough pw" }, "192.0.2.2")).rejects.toMatchObject({ message: /has expired/ });
    expect(await demo.client.user.count({ where: { email: "larry@daybook.local" } })).toBe(0);
  });

  it("answers a join with an email that has an account exactly like a new one, and leaves that account alone", async () => {
    const code = await codeOf(demo.atlas);
    const before = await demo.client.user.findUniqueOrThrow({ where: { email: "bea@daybook.local" }, include: { membership: true } });
    const existing = await joinTeamWithCode({ code, name: "Not Bea", email: "Bea@daybook.local", password: "attacker chosen" }, "192.0.2.3");
    const fresh = await joinTeamWithCode({ code, name: "New Nia", email: "nia@daybook.local", password: "long enough pw" }, "192.0.2.3");
    expect(existing).toEqual(fresh);
    const after = await demo.client.user.findUniqueOrThrow({ where: { email: "bea@daybook.local" }, include: { membership: true } });
    expect(after).toEqual(before);
    expect(await demo.client.user.count({ where: { email: "nia@daybook.local" } })).toBe(1);
  });

  it("throttles join-code guessing per address", async () => {
    for (let i = 0; i < 20; i++) expect(await lookupJoinCode(`GUESS${i}XX`, "192.0.2.66")).toEqual({ status: "unknown" });
    const code = await codeOf(demo.atlas);
    expect(await lookupJoinCode(code, "192.0.2.66")).toMatchObject({ status: "throttled", message: expect.stringMatching(/^Too many attempts from your network. Try again in 15 minutes/) });
    await expect(joinTeamWithCode({ code, name: "Guesser", email: "g@daybook.local", password: "long enough pw" }, "192.0.2.66")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await lookupJoinCode(code, "192.0.2.67")).toMatchObject({ status: "open" });
  });

  it("refuses a second cohort with the same name for one instructor, also when both arrive at once", async () => {
    const instructor = await actorFor(demo.client, "instructor@daybook.local");
    const outcomes = await Promise.allSettled([createCohort(instructor, "Spring 2027"), createCohort(instructor, "Spring 2027")]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT", message: 'You already have a cohort called "Spring 2027". Pick another name.' } });
    expect(await demo.client.cohort.count({ where: { name: "Spring 2027" } })).toBe(1);
  });
});
