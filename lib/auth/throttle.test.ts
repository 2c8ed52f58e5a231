import { describe, expect, it, vi } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { useSeededDatabase } from "@/tests/support/test-prisma";
import { authorizeCredentials, ThrottledSignin } from "./providers";
import { forgetOldEntries } from "./throttle";

const from = (address: string) => new Headers({ "x-forwarded-for": address });
const MINUTE = 60_000;

describe.each(TEST_BACKENDS)("sign-in throttling in the database on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  const t0 = Date.parse("2026-12-01T10:00:00Z");
  const at = (minutes: number) => new Date(t0 + minutes * MINUTE);

  it("locks an account after 5 wrong passwords, from any address, and the lock outlives the module (a restart)", async () => {
    for (let i = 0; i < 5; i++) expect(await authorizeCredentials({ email: "alice@daybook.local", password: `guess ${i}` }, from(`203.0.113.${i}`), at(0))).toBeNull();
    await expect(authorizeCredentials({ email: "alice@daybook.local", password: "daybook-demo" }, from("198.51.100.1"), at(0.5))).rejects.toBeInstanceOf(ThrottledSignin);

    vi.resetModules();
    const fresh = await import("./providers");
    await expect(fresh.authorizeCredentials({ email: "ALICE@daybook.local", password: "daybook-demo" }, from("198.51.100.2"), at(0.5))).rejects.toMatchObject({ code: "throttled" });
    // The first lock lasts a minute; then the right password works and clears the count.
    expect(await fresh.authorizeCredentials({ email: "alice@daybook.local", password: "daybook-demo" }, from("198.51.100.1"), at(1.1))).toMatchObject({ email: "alice@daybook.local" });
    expect(await demo.client.authThrottle.count({ where: { key: "account:alice@daybook.local" } })).toBe(0);
  });

  it("blocks an address after 20 failures across accounts, while other addresses still sign in", async () => {
    for (let i = 0; i < 20; i++) await authorizeCredentials({ email: `nobody${i}@daybook.local`, password: "x" }, from("203.0.113.50"), at(10));
    await expect(authorizeCredentials({ email: "bea@daybook.local", password: "daybook-demo" }, from("203.0.113.50"), at(10))).rejects.toBeInstanceOf(ThrottledSignin);
    expect(await authorizeCredentials({ email: "bea@daybook.local", password: "daybook-demo" }, from("198.51.100.9"), at(10))).toMatchObject({ email: "bea@daybook.local" });
    // Guesses from the blocked address are not counted against the accounts it names.
    expect(await demo.client.authThrottle.findUnique({ where: { key: "account:bea@daybook.local" } })).toBeNull();
  });

  it("forgets unknown emails and old failures after a quiet day", async () => {
    await authorizeCredentials({ email: "stranger@daybook.local", password: "x" }, from("203.0.113.77"), at(20));
    expect(await demo.client.authThrottle.count({ where: { key: "account:stranger@daybook.local" } })).toBe(1);
    await forgetOldEntries(at(20 + 23 * 60));
    expect(await demo.client.authThrottle.count({ where: { key: "account:stranger@daybook.local" } })).toBe(1);
    await forgetOldEntries(at(20 + 25 * 60));
    expect(await demo.client.authThrottle.count({ where: { key: "account:stranger@daybook.local" } })).toBe(0);
  });
});
