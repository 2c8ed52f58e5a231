/**
 * The live state on the real control plane: a student's step page follows the cluster through watches.
 * Creating the step's objects through the API (as `kubectl apply` would) turns its checks from failing to
 * passing, deleting one turns it back, and the watches close a grace period after the last viewer leaves.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectTeamCluster, updateClusterSettings } from "@/lib/data/clusters";
import { findStep, loadCourse } from "@/lib/course/load";
import { applyObjects } from "@/lib/k8s/apply";
import { deleteObject } from "@/lib/k8s/mutate";
import { rest } from "@/lib/k8s/rest";
import { liveHubs } from "@/lib/live/cluster";
import { GRACE_MS } from "@/lib/live/hubs";
import { liveSummary } from "@/lib/live/summary";
import { subscribeLiveState } from "@/lib/live/subscribe";
import type { LiveSnapshot } from "@/lib/live/types";
import { openTeamConnection, type TeamConnection } from "@/lib/runs/connection";
import { objectsForStep } from "@/lib/runs/objects-for-step";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { createTestNamespace, deleteNamespace, testKubeconfigPath, waitFor } from "../support/cluster";

process.env.DAYBOOK_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-live-"));
process.env.DAYBOOK_CLUSTER_RUN = path.dirname(testKubeconfigPath());

const demo = useSeededDatabase(TEST_BACKENDS[0]!);
const step = findStep(loadCourse(), "d02-s1")!;
let namespace = "";
let conn: TeamConnection;

/** Snapshots as they arrive, and a promise for the first one (from now on, or the latest) that satisfies a condition. */
function recorder() {
  const seen: { at: number; snapshot: LiveSnapshot }[] = [];
  const waiting = new Set<() => void>();
  const listener = (snapshot: LiveSnapshot) => {
    seen.push({ at: performance.now(), snapshot });
    for (const w of waiting) w();
  };
  const until = (what: string, ok: (s: LiveSnapshot) => boolean, timeoutMs: number) =>
    new Promise<{ at: number; snapshot: LiveSnapshot }>((resolve, reject) => {
      const check = () => {
        const last = seen.at(-1);
        if (!last || !ok(last.snapshot)) return;
        waiting.delete(check);
        clearTimeout(timer);
        resolve(last);
      };
      const timer = setTimeout(() => (waiting.delete(check), reject(new Error(`no live state where ${what} within ${timeoutMs} ms; last: ${JSON.stringify(seen.at(-1)?.snapshot)}`))), timeoutMs);
      waiting.add(check);
      check();
    });
  return { listener, until, seen };
}

/** Watches the API server holds open on ConfigMaps in one namespace, as its own metrics count them. */
async function namespacedConfigMapWatches(): Promise<number> {
  const res = await rest(conn.kc, { path: "/metrics" });
  if (!res.ok) throw new Error(res.message);
  const line = res.value.text.split("\n").find((l) => l.startsWith("apiserver_longrunning_requests{") && l.includes('resource="configmaps"') && l.includes('scope="namespace"') && l.includes('verb="WATCH"'));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

const checksPass = (s: LiveSnapshot) => s.checks.length === 3 && s.checks.every((c) => c.state === "pass");
const checksFail = (s: LiveSnapshot) => s.checks.length === 3 && s.checks.every((c) => c.state === "fail");

describe("live state on the local control plane", () => {
  beforeAll(async () => {
    namespace = await createTestNamespace("live");
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const connected = await connectTeamCluster(alice, { source: "local", teamId: demo.atlas });
    expect(connected.report.reachable).toBe(true);
    await updateClusterSettings(alice, { teamId: demo.atlas, namespace, registry: "", mirrorPublic: false, productionUrl: null, monitoringUrl: null, productionHost: null, monitoringHost: null });
    const opened = await openTeamConnection(demo.atlas);
    if (!opened.ok) throw new Error(opened.message);
    conn = opened.value;
  });
  afterAll(async () => {
    conn?.kc.close();
    await deleteNamespace(namespace).catch(() => undefined);
  });

  it("turns Step 2.1 from failing to passing when its ConfigMaps are created, and back when one is deleted", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const watchesBefore = await namespacedConfigMapWatches();
    const r = recorder();
    const leave = await subscribeLiveState(alice, demo.atlas, step.id, r.listener);

    const empty = await r.until("every check fails on the empty namespace", checksFail, 15_000);
    expect(liveSummary(empty.snapshot).text).toBe("Live: 0 of 3 watched checks pass");
    expect(await liveHubs().watchCount(demo.atlas)).toBe(1);
    // The watch request follows the list that gave this state.
    await waitFor(async () => (await namespacedConfigMapWatches()) === watchesBefore + 1, { timeoutMs: 5_000, description: "the API server to count Daybook's watch" });

    // Behind the page's back, through the API, as a terminal's kubectl apply would.
    const applied = performance.now();
    const outcomes = await applyObjects(conn.kc, await objectsForStep(step, conn), {});
    expect(outcomes.map((o) => o.failure?.message ?? o.verb)).toEqual(["created", "created", "created"]);
    // The bound: within about 2 s of the apply (here with room for a loaded 2-core machine).
    const passed = await r.until("every check passes after the apply", checksPass, 5_000);
    expect(liveSummary(passed.snapshot)).toEqual({ tone: "pass", text: "Step 2.1 now passes" });
    console.log(`[live] apply → passes in ${Math.round(passed.at - applied)} ms`);

    const deleted = performance.now();
    expect((await deleteObject(conn.kc, { apiVersion: "v1", kind: "ConfigMap", name: "ecommerce-frontend-config", namespace })).ok).toBe(true);
    const broken = await r.until("the frontend check fails after the delete", (s) => s.checks.find((c) => c.checkId === "frontend-config-keys")?.state === "fail", 5_000);
    expect(broken.snapshot.checks.filter((c) => c.state === "pass").map((c) => c.checkId).sort()).toEqual(["backend-config-keys", "database-config-keys"]);
    console.log(`[live] delete → fails in ${Math.round(broken.at - deleted)} ms`);

    // A second viewer shares the watch; the watch stays until the last viewer has been gone for the grace period.
    const second = recorder();
    const leaveSecond = await subscribeLiveState(alice, demo.atlas, step.id, second.listener);
    expect(second.seen).toHaveLength(1);
    expect(await namespacedConfigMapWatches()).toBe(watchesBefore + 1);
    leave();
    leaveSecond();
    const left = performance.now();
    expect(await liveHubs().watchCount(demo.atlas)).toBe(1);
    await waitFor(async () => (await namespacedConfigMapWatches()) === watchesBefore, { timeoutMs: GRACE_MS + 10_000, description: "the API server to close Daybook's watch" });
    expect(performance.now() - left).toBeGreaterThanOrEqual(GRACE_MS - 100);
    expect(await liveHubs().watchCount(demo.atlas)).toBe(0);
  }, 60_000);

  it("refuses a stakeholder and a student of another team", async () => {
    const stakeholder = await actorFor(demo.client, "stakeholder@daybook.local");
    await expect(subscribeLiveState(stakeholder, demo.atlas, step.id, () => undefined)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const bea = await actorFor(demo.client, "bea@daybook.local");
    await expect(subscribeLiveState(bea, demo.atlas, step.id, () => undefined)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await liveHubs().watchCount(demo.atlas)).toBe(0);
  });
});
