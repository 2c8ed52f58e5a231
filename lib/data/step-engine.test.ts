import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { getStepEngine } from "./runs";

const forbidden = { code: "FORBIDDEN" };
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute, 0, 123));
const iso = (minute: number) => at(minute).toISOString();
const check = (id: string, ok: boolean) => ({ id, title: id, ok, detail: ok ? "fine" : "missing" });
const applied = (dryRun: boolean) => ({ type: "apply", dryRun, force: false, objects: [{ kind: "Deployment", name: "web", action: dryRun ? "create" : "created" }] });

describe.each(TEST_BACKENDS)("the step page's engine panel on $name", (backend) => {
  const demo = useSeededDatabase(backend);

  it("shows the recent runs, the latest of each kind, every attestation, the gate and what the actor may do", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const amir = await actorFor(demo.client, "amir@daybook.local");
    const ines = await actorFor(demo.client, "instructor@daybook.local");
    const { client, atlas } = demo;
    const step = "d05-s2";
    const ids = new Map<number, string>();
    const run = async (minute: number, data: Record<string, unknown>) => {
      const created = await client.run.create({ data: { teamId: atlas, stepId: step, startedAt: at(minute), summary: `run at ${minute}`, ...data } as never });
      ids.set(minute, created.id);
      return created;
    };

    // Nothing yet: not connected, the gate closed behind step 5.1.
    expect(await getStepEngine(alice, atlas, step)).toEqual({
      connected: false, server: null, namespace: "ecommerce", status: "NOT_STARTED",
      gate: { open: false, blockedByNumber: "5.1", reason: "Step 5.1 is not verified yet. Verify it first, or ask your instructor to open this step." },
      runs: [], active: null, latestVerify: null, latestPreview: null, latestApply: null, attestations: [],
      may: { apply: true, verify: true, attest: true, override: false },
    });

    await client.teamCluster.create({ data: { teamId: atlas, server: "https://127.0.0.1:6443", contextName: "kind", namespace: "shop", source: "kubeconfig", connectedById: alice.id } });
    await client.stepProgress.create({ data: { teamId: atlas, stepId: "d05-s1", status: "VERIFIED" } });
    await client.stepProgress.create({ data: { teamId: atlas, stepId: step, status: "FAILED" } });
    // Another step's and another team's runs are not this step's.
    await client.run.create({ data: { teamId: atlas, stepId: "d05-s1", kind: "VERIFY", status: "PASSED", startedAt: at(50), results: { type: "verify", checks: [] } } });
    await client.run.create({ data: { teamId: demo.borealis, stepId: step, kind: "VERIFY", status: "PASSED", startedAt: at(51), results: { type: "verify", checks: [] } } });

    await run(1, { kind: "ATTEST", status: "PASSED", startedById: amir.id, finishedAt: at(1), durationMs: 0, results: { type: "attest", attestations: [{ checkId: "docs", prompt: "?", fields: { link: "https://wiki" } }] } });
    await run(2, { kind: "PREVIEW", status: "PASSED", startedById: alice.id, finishedAt: at(3), durationMs: 60_000, results: applied(true) });
    await run(3, { kind: "PREVIEW", status: "PASSED", startedById: null, finishedAt: at(4), durationMs: 60_000, results: applied(true) });
    await run(4, { kind: "APPLY", status: "FAILED", startedById: alice.id, finishedAt: at(5), durationMs: 60_000, results: applied(false) });
    await run(5, { kind: "VERIFY", status: "FAILED", startedById: alice.id, finishedAt: at(6), durationMs: 1_000, results: { type: "verify", checks: [check("pods", false)] } });
    await run(6, { kind: "VERIFY", status: "PASSED", startedById: null, finishedAt: at(7), durationMs: 1_000, results: { type: "verify", checks: [check("pods", true)] } });
    // A finished performance test counts as the latest verification; one still going, or cancelled, does not.
    await run(7, { kind: "LOAD", status: "FAILED", startedById: amir.id, finishedAt: at(8), durationMs: 30_000, results: { type: "load", load: {}, checks: [check("p95", false)] } });
    await run(8, { kind: "LOAD", status: "CANCELLED", startedById: amir.id, finishedAt: at(9), durationMs: 3_000, results: { type: "load", load: {}, checks: [] } });
    await run(9, { kind: "ATTEST", status: "PASSED", startedById: alice.id, finishedAt: at(9), durationMs: 0, results: { type: "attest", attestations: [{ checkId: "docs", prompt: "?", fields: {} }, { checkId: "sign-off", prompt: "?", fields: { who: "PM" } }] } });
    for (let minute = 10; minute < 15; minute++) await run(minute, { kind: "OPERATION", operationId: "rollout", status: "PASSED", startedById: alice.id, finishedAt: at(minute), durationMs: 500 });
    const going = await run(15, { kind: "LOAD", status: "RUNNING", startedById: alice.id, results: { type: "load", load: {}, checks: [] } });

    const engine = await getStepEngine(alice, atlas, step);
    const item = (minute: number, kind: string, status: string, by: string | null, durationMs: number | null, finished: number | null, operationId: string | null = null) =>
      ({ id: ids.get(minute), kind, operationId, status, summary: `run at ${minute}`, startedAt: iso(minute), finishedAt: finished === null ? null : iso(finished), durationMs, startedBy: by });
    expect(engine).toMatchObject({ connected: true, server: "https://127.0.0.1:6443", namespace: "shop", status: "FAILED", gate: { open: true, via: "previous" } });
    // The 12 most recent, newest first, with or without whoever started them.
    expect(engine.runs).toEqual([
      item(15, "LOAD", "RUNNING", "Alice Atlas", null, null),
      ...[14, 13, 12, 11, 10].map((m) => item(m, "OPERATION", "PASSED", "Alice Atlas", 500, m, "rollout")),
      item(9, "ATTEST", "PASSED", "Alice Atlas", 0, 9),
      item(8, "LOAD", "CANCELLED", "Amir Atlas", 3_000, 9),
      item(7, "LOAD", "FAILED", "Amir Atlas", 30_000, 8),
      item(6, "VERIFY", "PASSED", null, 1_000, 7),
      item(5, "VERIFY", "FAILED", "Alice Atlas", 1_000, 6),
      item(4, "APPLY", "FAILED", "Alice Atlas", 60_000, 5),
    ]);
    expect(engine.active).toEqual({ ...engine.runs[0], id: going.id });
    expect(engine.runs[0]!.id).toBe(going.id);
    expect(engine.latestVerify).toEqual({ ...item(7, "LOAD", "FAILED", "Amir Atlas", 30_000, 8), checks: [check("p95", false)] });
    expect(engine.latestPreview).toEqual({ ...item(3, "PREVIEW", "PASSED", null, 60_000, 4), results: applied(true) });
    expect(engine.latestApply).toEqual({ ...item(4, "APPLY", "FAILED", "Alice Atlas", 60_000, 5), results: applied(false) });
    // Every attestation, oldest first, one entry per confirmed check.
    expect(engine.attestations).toEqual([
      { checkId: "docs", by: "Amir Atlas", at: iso(1), fields: { link: "https://wiki" } },
      { checkId: "docs", by: "Alice Atlas", at: iso(9), fields: {} },
      { checkId: "sign-off", by: "Alice Atlas", at: iso(9), fields: { who: "PM" } },
    ]);
    // The result is what the engine route sends: JSON round-trips it unchanged.
    expect(JSON.parse(JSON.stringify(engine))).toEqual(engine);

    // The instructor reads the same runs and may override the gate.
    const seen = await getStepEngine(ines, atlas, step);
    expect(seen).toEqual({ ...engine, may: { apply: false, verify: true, attest: false, override: true } });
    // An override opens a gate whose previous step is not proven.
    await client.stepProgress.update({ where: { teamId_stepId: { teamId: atlas, stepId: "d05-s1" } }, data: { status: "REGRESSED" } });
    expect((await getStepEngine(alice, atlas, step)).gate).toMatchObject({ open: false, blockedByNumber: "5.1" });
    await client.gateOverride.create({ data: { teamId: atlas, stepId: step, reason: "done on paper", byId: ines.id } });
    expect((await getStepEngine(alice, atlas, step)).gate).toEqual({ open: true, via: "override" });
    expect((await getStepEngine(alice, atlas, "d01-s1")).gate).toEqual({ open: true, via: "first" });
  });

  it("refuses a student of another team, a stakeholder and a team that does not exist, and an unknown step", async () => {
    const bea = await actorFor(demo.client, "bea@daybook.local");
    const sam = await actorFor(demo.client, "stakeholder@daybook.local");
    const alice = await actorFor(demo.client, "alice@daybook.local");
    await expect(getStepEngine(bea, demo.atlas, "d05-s2")).rejects.toMatchObject(forbidden);
    await expect(getStepEngine(sam, demo.atlas, "d05-s2")).rejects.toMatchObject(forbidden);
    await expect(getStepEngine(alice, "no-such-team", "d05-s2")).rejects.toMatchObject(forbidden);
    await expect(getStepEngine(alice, demo.atlas, "d99-s9")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getStepEngine(bea, demo.borealis, "d05-s2")).runs).toMatchObject([{ kind: "VERIFY", status: "PASSED", startedAt: iso(51) }]);
  });
});
