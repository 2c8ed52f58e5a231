import { describe, expect, it } from "vitest";
import { decodeRouteParam, decodeRouteParams, tryDecodeSegment } from "./route-params";

const notFound = expect.objectContaining({ digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/) });

describe("route parameters", () => {
  it("decode well-formed percent-encoding", () => {
    expect(decodeRouteParam("k8s-manifests")).toBe("k8s-manifests");
    expect(decodeRouteParam("caf%C3%A9")).toBe("café");
    expect(decodeRouteParams(["docs", "a%20b.md"])).toEqual(["docs", "a b.md"]);
  });

  it("turn broken encoding, NUL and lone surrogates into a missing page instead of a crash", () => {
    for (const raw of ["%E0%A4%A", "%", "%zz", "abc%E0", "%00", "x%ED%A0%80"]) {
      expect(tryDecodeSegment(raw), raw).toBeNull();
      expect(() => decodeRouteParam(raw), raw).toThrow(notFound);
    }
    expect(() => decodeRouteParams(["docs", "%E0%A4%A"])).toThrow(notFound);
  });
});
