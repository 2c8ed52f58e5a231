import { describe, expect, it } from "vitest";
import type { CheckResult, CheckStatus } from "../types";
import { summarizeSuite } from "./validation-suite";

const result = (checkId: string, status: CheckStatus, actual: string): CheckResult => ({ checkId, title: checkId, kind: "http", status, expected: "", actual, evidence: [], durationMs: 5 });

describe("validationSuite", () => {
  it("summarizeSuite passes when every check of the suite passed, listing them like the script's output", () => {
    const v = summarizeSuite("health-check", [result("health-check/backend-available", "pass", "3/3 available"), result("health-check/backend-health", "pass", "HTTP 200 in 12 ms")]);
    expect(v).toMatchObject({ status: "pass", expected: "every check of the health-check suite passes", actual: "2 of 2 passed" });
    expect(v.evidence).toEqual([{ title: "./validation/health-check.sh", text: "PASS         health-check/backend-available  3/3 available\nPASS         health-check/backend-health  HTTP 200 in 12 ms" }]);
  });

  it("fails when one check failed, naming it first", () => {
    const v = summarizeSuite("smoke-tests", [result("smoke-tests/backend-available", "pass", "3/3 available"), result("smoke-tests/database-available", "fail", "not Available")]);
    expect(v).toMatchObject({ status: "fail", actual: "1 of 2 passed; smoke-tests/database-available: not Available" });
  });

  it("reports its worst outcome: error over fail over inconclusive", () => {
    const mixed = [result("a", "inconclusive", "metrics API not available"), result("b", "fail", "HTTP 503"), result("c", "error", "forbidden")];
    expect(summarizeSuite("run-tests", mixed).status).toBe("error");
    expect(summarizeSuite("run-tests", mixed.slice(0, 2)).status).toBe("fail");
    expect(summarizeSuite("performance-test", [result("products-under-load", "inconclusive", "not run yet"), result("x", "pass", "ok")])).toMatchObject({ status: "inconclusive", actual: "1 of 2 passed; products-under-load: not run yet" });
  });

  it("fails a suite that ran nothing", () => {
    expect(summarizeSuite("run-tests", [])).toMatchObject({ status: "fail", actual: "0 of 0 passed" });
  });
});
