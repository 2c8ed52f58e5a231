import { describe, expect, it } from "vitest";
import { demoExposureWarning, isLoopbackHost } from "./demo-exposure";

describe("the demo-account warning", () => {
  it("knows loopback addresses", () => {
    for (const host of ["127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]"]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.5", "daybook.example", "127.0.0.1.example"]) expect(isLoopbackHost(host), host).toBe(false);
  });

  it("warns when the demo accounts exist and the server is reachable from elsewhere, and only then", () => {
    expect(demoExposureWarning("0.0.0.0", true)).toMatch(/WARNING: the demo accounts .* listens on 0\.0\.0\.0/);
    expect(demoExposureWarning(undefined, true)).toMatch(/every interface/);
    expect(demoExposureWarning("127.0.0.1", true)).toBeNull();
    expect(demoExposureWarning("0.0.0.0", false)).toBeNull();
  });
});
