import { describe, expect, it } from "vitest";
import { items, NS, team } from "@/lib/checks/kinds/__fixtures__/recorded";
import { prepareCheck } from "@/lib/checks/prepare";
import { findStep, loadCourse } from "@/lib/course/load";
import { failure, ok } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { evaluateLive } from "./evaluate";
import { DISCOVERY, liveReads, watchKey, type LiveSource } from "./live-reads";

const stepChecks = (stepId: string) => findStep(loadCourse(), stepId)!.checks.map((c) => prepareCheck(c, team));

/** Recorded lists as watch caches would hold them, keyed like lib/live's watches. */
function source(lists: Record<string, KubeObject[]>, forbidden: string[] = []): LiveSource {
  return {
    objects: async (ref) => (forbidden.includes(watchKey(ref)) ? failure("forbidden", "no list", { status: 403 }) : ok(lists[watchKey(ref)] ?? [])),
    version: async () => ok({ gitVersion: "v1.34.0" }),
    served: async () => ok({ names: new Set(["pods"]), errors: [] }),
    groupVersion: async () => ok([]),
  };
}

const day03 = {
  [`apps/v1|Deployment|${NS}`]: items("day03-deployments"),
  [`v1|Pod|${NS}`]: items("day03-pods"),
  [`v1|Service|${NS}`]: [{ apiVersion: "v1", kind: "Service", metadata: { name: "ecommerce-backend-service", namespace: NS } }],
};

describe("evaluateLive (a step's checks over watch caches)", () => {
  it("decides Step 3.1's watchable checks with their own evaluate, and leaves the log check to Verify", async () => {
    const live = await evaluateLive(stepChecks("d03-s1"), (use) => liveReads(team, source(day03), use));
    const byId = Object.fromEntries(live.checks.map((c) => [c.checkId, c]));
    expect(byId["backend-available"]!.state).toBe("pass");
    expect(byId["backend-available"]!.actual).toBe("3/3 available");
    expect(byId["backend-service"]!.state).toBe("pass");
    expect(byId["backend-pods-ready"]!.state).toBe("pass");
    expect(byId["backend-started"]).toMatchObject({ state: "verify", actual: "checked when you verify (reads pod logs)" });
    // What the watchable checks read is what the hub watches: the pods found by the Deployment's selector included.
    expect([...live.used].sort()).toEqual([`apps/v1|Deployment|${NS}`, `v1|Pod|${NS}`, `v1|Service|${NS}`]);
    expect(live.verifyOnly.get("backend-started")).toBe("reads pod logs");
  });

  it("fails on an empty namespace, as Verify would", async () => {
    const live = await evaluateLive(stepChecks("d03-s1"), (use) => liveReads(team, source({}), use));
    expect(live.checks.filter((c) => c.state !== "verify").map((c) => c.state)).toEqual(["fail", "fail", "fail"]);
  });

  it("never decides HTTP, exec, access-review, attestation or once-only checks live", async () => {
    const all = loadCourse().days.flatMap((d) => d.steps).flatMap((s) => s.checks.map((c) => prepareCheck(c, team)));
    const live = await evaluateLive(all, (use) => liveReads(team, source(day03), use));
    const kindOf = new Map(all.map((c) => [c.id + c.title, c]));
    for (const c of live.checks) {
      const check = kindOf.get(c.checkId + c.title)!;
      if (["http", "httpUrl", "execSucceeds", "canI", "manual", "loadTest", "podLogsContain", "validationSuite", "networkAllowed", "networkBlocked", "prometheusTargets", "resourceQuotaEnforced"].includes(check.kind) || check.observe === "once") {
        expect(c.state, `${check.kind} ${c.checkId}`).toBe("verify");
      }
    }
    expect(live.checks.some((c) => c.state === "pass")).toBe(true);
  });

  it("leaves a check to Verify when Daybook may not watch what it reads, and records discovery reads", async () => {
    const forbiddenPods = await evaluateLive(stepChecks("d03-s1"), (use) => liveReads(team, source(day03, [`v1|Pod|${NS}`]), use));
    expect(forbiddenPods.checks.find((c) => c.checkId === "backend-pods-ready")).toMatchObject({ state: "verify" });
    const day1 = await evaluateLive(stepChecks("d01-s1"), (use) => liveReads(team, source({}), use));
    expect(day1.used.has(DISCOVERY)).toBe(true);
  });

  it("does not run a check again once found to be Verify's", async () => {
    let reads = 0;
    const counting: LiveSource = { ...source(day03), objects: async (ref) => (reads++, ok(day03[watchKey(ref) as keyof typeof day03] ?? [])) };
    const first = await evaluateLive(stepChecks("d03-s1"), (use) => liveReads(team, counting, use));
    const before = reads;
    await evaluateLive(stepChecks("d03-s1").filter((c) => c.id === "backend-started"), (use) => liveReads(team, counting, use), first.verifyOnly);
    expect(reads).toBe(before);
  });
});
