import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { useSeededDatabase } from "@/tests/support/test-prisma";
import { priorObservations } from "./history";

// Day 6's Step 6.1: update-rolled-out and rolled-back are "once" checks, rollout-complete is observed every time.
const STEP = "d06-s1";

describe.each(TEST_BACKENDS)("what earlier runs of a step established, on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  const run = (kind: "VERIFY" | "OPERATION" | "ATTEST", results: object, extra: { status?: "PASSED" | "FAILED" | "RUNNING"; startedAt?: Date; stepId?: string; teamId?: string } = {}) =>
    demo.client.run.create({ data: { teamId: extra.teamId ?? demo.atlas, stepId: extra.stepId ?? STEP, kind, status: extra.status ?? "FAILED", startedAt: extra.startedAt, results } });
  const checks = (...passing: [string, "pass" | "fail"][]) => ({ type: "verify", checks: passing.map(([checkId, status]) => ({ checkId, status })) });

  it("keeps the once checks seen passing since the last reset, from verifications and operations, and nothing else", async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    await run("VERIFY", checks(["update-rolled-out", "pass"]), { startedAt: new Date(hourAgo.getTime() - 60_000) });
    await demo.client.stepReset.create({ data: { teamId: demo.atlas, stepId: STEP, byId: (await demo.client.user.findFirstOrThrow()).id, reason: "redo", fromStatus: "VERIFIED", at: hourAgo } });
    expect((await priorObservations(demo.atlas, STEP)).passedBefore).toEqual(new Set());

    await run("VERIFY", checks(["update-rolled-out", "fail"], ["rollout-complete", "pass"]));
    await run("OPERATION", { type: "operation", operation: "rollback", log: [], checks: [{ checkId: "rolled-back", status: "pass" }] });
    // Still running, another step's, another team's: none of them count.
    await run("VERIFY", checks(["update-rolled-out", "pass"]), { status: "RUNNING" });
    await run("VERIFY", checks(["update-rolled-out", "pass"]), { stepId: "d06-s2" });
    await run("VERIFY", checks(["update-rolled-out", "pass"]), { teamId: demo.borealis });
    const prior = await priorObservations(demo.atlas, STEP);
    expect(prior.passedBefore).toEqual(new Set(["rolled-back"]));
    expect(prior.attested).toEqual(new Set());

    await run("VERIFY", checks(["update-rolled-out", "pass"]), { status: "PASSED" });
    expect((await priorObservations(demo.atlas, STEP)).passedBefore).toEqual(new Set(["rolled-back", "update-rolled-out"]));
  });

  it("reads attestations of manual checks, and the step's status", async () => {
    await run("ATTEST", { type: "attest", attestations: [{ checkId: "docs-reviewed", prompt: "?", fields: {} }, { checkId: "not-a-manual-check", prompt: "?", fields: {} }] }, { stepId: "d17-s1", status: "PASSED" });
    await demo.client.stepProgress.upsert({ where: { teamId_stepId: { teamId: demo.atlas, stepId: "d17-s1" } }, create: { teamId: demo.atlas, stepId: "d17-s1", status: "ATTESTED" }, update: { status: "ATTESTED" } });
    expect(await priorObservations(demo.atlas, "d17-s1")).toEqual({ passedBefore: new Set(), attested: new Set(["docs-reviewed"]), status: "ATTESTED" });
    expect(await priorObservations(demo.borealis, "d17-s1")).toEqual({ passedBefore: new Set(), attested: new Set(), status: undefined });
  });
});
