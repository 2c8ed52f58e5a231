import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { items, NS, team } from "@/lib/checks/kinds/__fixtures__/recorded";
import { prepareCheck } from "@/lib/checks/prepare";
import { findStep, loadCourse } from "@/lib/course/load";
import { ok } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { fakeCluster } from "./__fixtures__/fake-cluster";
import { GRACE_MS, LiveHubs } from "./hubs";
import { COALESCE_MS } from "./step-hub";
import type { LiveSnapshot } from "./types";

const DEPLOYMENTS = { apiVersion: "apps/v1", kind: "Deployment", namespace: NS };
const PODS = { apiVersion: "v1", kind: "Pod", namespace: NS };
const SERVICES = { apiVersion: "v1", kind: "Service", namespace: NS };
const key = (r: { apiVersion: string; kind: string; namespace: string }) => `${r.apiVersion}|${r.kind}|${r.namespace}`;
const backend = items("day03-deployments").find((d) => d.metadata?.name === "ecommerce-backend-deployment")!;

function hubsOver(objects: Record<string, KubeObject[]>) {
  const fake = fakeCluster(objects);
  const connects: string[] = [];
  const hubs = new LiveHubs({
    connect: async (teamId) => (connects.push(teamId), ok(fake.cluster)),
    step: (_team, stepId) => {
      const step = findStep(loadCourse(), stepId)!;
      return { id: step.id, number: step.number, checks: step.checks.map((c) => prepareCheck(c, team)) };
    },
  });
  return { fake, hubs, connects };
}

/** Lets the hub's promises (connect, first lists, evaluation) run. */
const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe("LiveHubs", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("opens one watch per kind for every viewer and step of a team, and closes them a grace period after the last viewer", async () => {
    const { fake, hubs, connects } = hubsOver({ [key(PODS)]: items("day03-pods") });
    const seen: LiveSnapshot[] = [];
    const a = hubs.subscribe("team-a", "d03-s1", (s) => seen.push(s));
    const b = hubs.subscribe("team-a", "d03-s1", () => undefined);
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    const other = hubs.subscribe("team-a", "d03-s2", () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(connects).toEqual(["team-a"]);
    // Step 3.1 reads Deployments, Pods (by the Deployment's selector, once it exists) and Services; 3.2 reads Pods too.
    expect(new Set(fake.openWatches())).toEqual(new Set([key(DEPLOYMENTS), key(SERVICES), key(PODS)]));
    expect(fake.started.filter((k) => k === key(PODS))).toHaveLength(1);
    expect(seen.at(-1)?.stepNumber).toBe("3.1");

    a();
    b();
    other();
    await vi.advanceTimersByTimeAsync(GRACE_MS - 1);
    expect(fake.openWatches()).not.toEqual([]);
    expect(await hubs.watchCount("team-a")).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.openWatches()).toEqual([]);
    expect(await hubs.watchCount("team-a")).toBe(0);
  });

  it("keeps the watches through a reload within the grace period", async () => {
    const { fake, hubs } = hubsOver({});
    hubs.subscribe("team-a", "d03-s1", () => undefined)();
    await vi.advanceTimersByTimeAsync(GRACE_MS / 2);
    const started = fake.started.length;
    const seen: LiveSnapshot[] = [];
    const again = hubs.subscribe("team-a", "d03-s1", (s) => seen.push(s));
    // The returning viewer gets the last state at once, without a new list.
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(GRACE_MS * 2);
    expect(fake.started.length).toBe(started);
    expect(fake.stopped).toEqual([]);
    again();
  });

  it("re-evaluates once per burst of changes of a watched kind", async () => {
    const { fake, hubs } = hubsOver({});
    const seen: LiveSnapshot[] = [];
    hubs.subscribe("team-a", "d03-s1", (s) => seen.push(s));
    await vi.advanceTimersByTimeAsync(0);
    const available = () => seen.at(-1)?.checks.find((c) => c.checkId === "backend-available")?.state;
    expect(available()).toBe("fail");

    const before = seen.length;
    fake.change(DEPLOYMENTS, "ADDED", backend);
    fake.change(DEPLOYMENTS, "MODIFIED", backend);
    await vi.advanceTimersByTimeAsync(COALESCE_MS - 1);
    expect(seen.length).toBe(before);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.length).toBe(before + 1);
    expect(available()).toBe("pass");

    fake.change(DEPLOYMENTS, "DELETED", backend);
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(available()).toBe("fail");
    expect(seen.at(-1)?.checks.find((c) => c.checkId === "backend-started")?.state).toBe("verify");
  });

  it("says so when Daybook may not watch a kind, and leaves its check to Verify", async () => {
    const { fake, hubs } = hubsOver({});
    fake.forbidden.add(key(SERVICES));
    const seen: LiveSnapshot[] = [];
    hubs.subscribe("team-a", "d03-s1", (s) => seen.push(s));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.at(-1)?.checks.find((c) => c.checkId === "backend-service")).toMatchObject({ state: "verify" });
    expect(fake.openWatches()).not.toContain(key(SERVICES));
  });
});
