import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { useSeededDatabase } from "@/tests/support/test-prisma";
import { readActor } from "./actor";
import { authorizeCredentials } from "./providers";
import { endSessions } from "./session-version";

describe.each(TEST_BACKENDS)("session versions on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  const version = async (email: string) => (await demo.client.user.findUniqueOrThrow({ where: { email } })).sessionVersion;

  it("a session stops working once the user signs out, even with a copied cookie", async () => {
    const signedIn = await authorizeCredentials({ email: "amir@daybook.local", password: "daybook-demo" }, new Headers({ "x-forwarded-for": "192.0.2.10" }));
    expect(signedIn).toMatchObject({ sessionVersion: expect.any(Number) });
    expect(await readActor(demo.client, { id: signedIn!.id }, signedIn!.sessionVersion)).toMatchObject({ email: "amir@daybook.local" });
    await endSessions(signedIn!.id);
    expect(await readActor(demo.client, { id: signedIn!.id }, signedIn!.sessionVersion)).toBeNull();
    // A session from before versions existed (none recorded) is ended too.
    expect(await readActor(demo.client, { id: signedIn!.id }, -1)).toBeNull();
  });

  it("a role, password, email or team change ends the user's sessions, whoever makes it; a designation change does not", async () => {
    const bo = await demo.client.user.findUniqueOrThrow({ where: { email: "bo@daybook.local" } });
    let before = await version(bo.email);
    await demo.client.user.update({ where: { id: bo.id }, data: { role: "STAKEHOLDER" } });
    expect(await version(bo.email)).toBe(++before);
    await demo.client.user.update({ where: { id: bo.id }, data: { passwordHash: "scrypt$changed" } });
    expect(await version(bo.email)).toBe(++before);
    await demo.client.user.update({ where: { id: bo.id }, data: { name: "Bo B." } });
    expect(await version(bo.email)).toBe(before);

    await demo.client.teamMember.update({ where: { userId: bo.id }, data: { designation: "TECH_LEAD" } });
    expect(await version(bo.email)).toBe(before);
    await demo.client.teamMember.update({ where: { userId: bo.id }, data: { teamId: demo.atlas } });
    expect(await version(bo.email)).toBe(++before);
    await demo.client.teamMember.delete({ where: { userId: bo.id } });
    expect(await version(bo.email)).toBe(++before);
    await demo.client.teamMember.create({ data: { userId: bo.id, teamId: demo.borealis } });
    expect(await version(bo.email)).toBe(++before);
  });
});
