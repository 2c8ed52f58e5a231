import { describe, expect, it } from "vitest";
import { liveSummary } from "./summary";
import type { LiveCheck, LiveSnapshot } from "./types";

const check = (checkId: string, state: LiveCheck["state"]): LiveCheck => ({ checkId, title: checkId, state, expected: "", actual: "" });
const snapshot = (...checks: LiveCheck[]): LiveSnapshot => ({ stepId: "d03-s1", stepNumber: "3.1", at: "2026-12-01T10:00:00Z", checks });

describe("liveSummary (the page's live status line)", () => {
  it("says the step now passes only when every check passes and none is left to Verify", () => {
    expect(liveSummary(snapshot(check("a", "pass"), check("b", "pass")))).toEqual({ tone: "pass", text: "Step 3.1 now passes" });
    expect(liveSummary(snapshot(check("a", "pass"), check("b", "verify"), check("c", "verify")))).toEqual({ tone: "partial", text: "The checks Daybook watches pass; verify to run the other 2" });
  });

  it("counts what passes when anything fails or cannot be read, and says when nothing can be watched", () => {
    expect(liveSummary(snapshot(check("a", "pass"), check("b", "fail"), check("c", "error"), check("d", "verify"))).text).toBe("Live: 1 of 3 watched checks pass");
    expect(liveSummary(snapshot(check("a", "inconclusive"))).text).toBe("Live: 0 of 1 watched check pass");
    expect(liveSummary(snapshot(check("a", "verify")))).toEqual({ tone: "unknown", text: "Daybook cannot follow this step's checks live; verify to run it." });
  });
});
