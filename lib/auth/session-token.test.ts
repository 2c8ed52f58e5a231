import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";

const SECRET = "test-secret-for-session-tokens-0123456789";
const NAME = "authjs.session-token";
let tokens: typeof import("./session-token");

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  tokens = await import("./session-token");
});

const jar = (cookies: Record<string, string>) => ({
  get: (name: string) => (name in cookies ? { value: cookies[name]! } : undefined),
  getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })),
});
const issue = (claims: Record<string, unknown>, { secret = SECRET, salt = NAME, maxAge = 3600 } = {}) => encode({ token: claims, secret, salt, maxAge });
const now = () => Date.now() / 1000;

describe("readSessionClaims", () => {
  it("reads the user and session version of a token Auth.js issued, and again from its cache", async () => {
    const token = await issue({ uid: "u1", sv: 3, name: "Alice" });
    const first = await tokens.readSessionClaims(jar({ [NAME]: token }), NAME);
    expect(first).toMatchObject({ uid: "u1", sv: 3 });
    expect(await tokens.readSessionClaims(jar({ [NAME]: token }), NAME)).toBe(first);
  });

  it("refuses a token without a session version as ended (-1), a forged, tampered or foreign one, and none", async () => {
    expect(await tokens.readSessionClaims(jar({ [NAME]: await issue({ uid: "u1" }) }), NAME)).toMatchObject({ sv: -1 });
    expect(await tokens.readSessionClaims(jar({ [NAME]: await issue({ uid: "u1", sv: 0 }, { secret: "another-secret-entirely-0123456789" }) }), NAME)).toBeNull();
    expect(await tokens.readSessionClaims(jar({ [NAME]: await issue({ uid: "u1", sv: 0 }, { salt: "__Secure-authjs.session-token" }) }), NAME)).toBeNull();
    const token = await issue({ uid: "u1", sv: 0 });
    const tampered = token.slice(0, -6) + (token.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    expect(await tokens.readSessionClaims(jar({ [NAME]: tampered }), NAME)).toBeNull();
    expect(await tokens.readSessionClaims(jar({ [NAME]: "not-a-token" }), NAME)).toBeNull();
    expect(await tokens.readSessionClaims(jar({}), NAME)).toBeNull();
    expect(await tokens.readSessionClaims(jar({ [NAME]: await issue({ sv: 0 }) }), NAME)).toBeNull();
  });

  it("stops accepting a cached token once it expires", async () => {
    const token = await issue({ uid: "u2", sv: 0 }, { maxAge: 60 });
    const claims = await tokens.readSessionClaims(jar({ [NAME]: token }), NAME);
    expect(claims).not.toBeNull();
    expect(await tokens.readSessionClaims(jar({ [NAME]: token }), NAME, claims!.exp + 1)).toBeNull();
  });

  it("joins a token Auth.js split into chunks", async () => {
    const token = await issue({ uid: "u3", sv: 1 });
    const cut = Math.floor(token.length / 2);
    expect(await tokens.readSessionClaims(jar({ [`${NAME}.1`]: token.slice(cut), [`${NAME}.0`]: token.slice(0, cut) }), NAME)).toMatchObject({ uid: "u3" });
  });
});

describe("rolledSessionToken", () => {
  it("leaves a fresh session alone and re-issues an hour-old one for the same user and version", async () => {
    const token = await issue({ uid: "u4", sv: 2, email: "a@example.com" }, { maxAge: 12 * 3600 });
    expect(await tokens.rolledSessionToken(jar({ [NAME]: token }), NAME)).toBeNull();
    const later = now() + tokens.ROLL_AFTER_SECONDS + 5;
    const rolled = await tokens.rolledSessionToken(jar({ [NAME]: token }), NAME, later);
    expect(rolled).not.toBeNull();
    expect(rolled!.value).not.toBe(token);
    const claims = await tokens.readSessionClaims(jar({ [NAME]: rolled!.value }), NAME);
    expect(claims).toMatchObject({ uid: "u4", sv: 2 });
    expect(claims!.exp).toBeGreaterThan(now() + rolled!.maxAge - 60);
  });
});

describe("sessionCookieName", () => {
  it("follows the app's URL, else the forwarded protocol, as Auth.js does", () => {
    expect(tokens.sessionCookieName(null, { AUTH_URL: "https://daybook.example" })).toBe("__Secure-authjs.session-token");
    expect(tokens.sessionCookieName("https", { AUTH_URL: "http://127.0.0.1:3000" })).toBe("authjs.session-token");
    expect(tokens.sessionCookieName("http", {})).toBe("authjs.session-token");
    expect(tokens.sessionCookieName(null, {})).toBe("__Secure-authjs.session-token");
  });
});
