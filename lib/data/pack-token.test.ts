import { beforeAll, describe, expect, it, vi } from "vitest";
import { PACK_TOKEN_TTL_SECONDS, signPackToken, verifyPackToken } from "./pack-token";

beforeAll(() => {
  vi.stubEnv("AUTH_SECRET", "test-secret-for-pack-tokens");
});

describe("course-pack download tokens", () => {
  const now = Date.UTC(2026, 11, 1, 9, 0, 0);

  it("carries the user and team until it expires ten minutes later", () => {
    const { token, expiresAt } = signPackToken("user-1", "team-1", now);
    expect(expiresAt.getTime() - now).toBe(PACK_TOKEN_TTL_SECONDS * 1000);
    expect(verifyPackToken(token, now + 9 * 60_000)).toEqual({ userId: "user-1", teamId: "team-1", expiresAt });
    expect(verifyPackToken(token, now + 10 * 60_000)).toBeNull();
  });

  it("refuses a forged, altered or malformed token", () => {
    const { token } = signPackToken("user-1", "team-1", now);
    const [payload, signature] = token.split(".");
    const otherTeam = Buffer.from(JSON.stringify({ u: "user-1", t: "team-2", e: now / 1000 + 600 })).toString("base64url");
    expect(verifyPackToken(`${otherTeam}.${signature}`, now)).toBeNull();
    expect(verifyPackToken(`${payload}.${signature!.slice(0, -1)}A`, now)).toBeNull();
    for (const bad of ["", "x", "a.b.c", `${payload}.`, `.${signature}`]) expect(verifyPackToken(bad, now)).toBeNull();
  });

  it("is worthless under another secret", () => {
    const { token } = signPackToken("user-1", null, now);
    vi.stubEnv("AUTH_SECRET", "a-different-secret");
    expect(verifyPackToken(token, now)).toBeNull();
    vi.stubEnv("AUTH_SECRET", "test-secret-for-pack-tokens");
    expect(verifyPackToken(token, now)).toMatchObject({ userId: "user-1", teamId: null });
  });
});
