import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./redirect";

describe("sameOriginPath", () => {
  it("keeps Daybook's own paths, query and fragment", () => {
    expect(sameOriginPath("/plan/day/3?team=abc#notes")).toBe("/plan/day/3?team=abc#notes");
    expect(sameOriginPath("/")).toBe("/");
  });

  it("refuses every form of another origin that the probe found or a browser accepts", () => {
    for (const evil of ["/\\evil.example/x", "/\t/evil.example", "//evil.example", "/.//evil.example/x", "/a/..//evil.example", "\\\\evil.example", "http://evil.example/", "https:evil.example", "javascript:alert(1)", "data:text/html,x", " //evil.example"]) {
      const path = sameOriginPath(evil);
      expect(path, evil).toMatch(/^\/(?!\/|\\)/);
      expect(new URL(path, "http://daybook.test").host, evil).toBe("daybook.test");
    }
  });

  it("turns an absolute URL on the app's own origin into a path, and refuses another port or host", () => {
    expect(sameOriginPath("http://127.0.0.1:3000/plan?team=x", "http://127.0.0.1:3000")).toBe("/plan?team=x");
    expect(sameOriginPath("http://127.0.0.1:3001/plan", "http://127.0.0.1:3000")).toBe("/");
    expect(sameOriginPath("http://localhost:3000/plan", "http://127.0.0.1:3000")).toBe("/");
  });

  it("falls back for nothing, non-strings and the sign-in page", () => {
    expect(sameOriginPath(undefined)).toBe("/");
    expect(sameOriginPath(["/plan"])).toBe("/");
    expect(sameOriginPath("/login?callbackUrl=/plan")).toBe("/");
  });

  it("never yields a target a browser would resolve to another host, for any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.webUrl(), fc.constantFrom("/", "\\", "//", "/\\", "\t", "%2F", ".", "..", "evil.example").chain((a) => fc.array(fc.constantFrom(a, "/", "\\", ".", "\t", "evil.example")).map((p) => p.join("")))), (target) => {
        const path = sameOriginPath(target);
        expect(new URL(path, "http://daybook.test").host).toBe("daybook.test");
        expect(path.startsWith("//") || path.startsWith("/\\")).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
