import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authSecret } from "./secret";

describe("authSecret", () => {
  it("prefers AUTH_SECRET", () => {
    expect(authSecret({ AUTH_SECRET: "configured" })).toBe("configured");
  });

  it("generates one secret per data dir, private to the owner, and keeps it across calls", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-secret-"));
    const env = { DAYBOOK_DATA_DIR: dir };
    const first = authSecret(env);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authSecret(env)).toBe(first);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
  });
});
