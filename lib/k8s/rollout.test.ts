import { describe, expect, it } from "vitest";
import { drainVerdict } from "./drain-filters";
import { planRollback } from "./rollout";
import { rolloutStatus } from "./rollout-status";
import type { Deployment, Pod, ReplicaSet } from "./types";

const template = (image: string, hash: string) => ({ metadata: { labels: { app: "web", "pod-template-hash": hash } }, spec: { containers: [{ name: "app", image }] } });
const rs = (revision: string, image: string, hash: string): ReplicaSet => ({ metadata: { name: `web-${hash}`, annotations: { "deployment.kubernetes.io/revision": revision, "x/own": hash } }, spec: { template: template(image, hash) } });
const deploy = (image: string, over: Partial<Deployment> = {}): Deployment => ({
  metadata: { name: "web", generation: 3, annotations: { "deployment.kubernetes.io/revision": "2", "kubectl.kubernetes.io/last-applied-configuration": "{}" } },
  spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image }] } } },
  status: { observedGeneration: 3, replicas: 3, updatedReplicas: 3, availableReplicas: 3 },
  ...over,
});

describe("rollout status", () => {
  it("follows kubectl's order of messages", () => {
    expect(rolloutStatus(deploy("a")).state).toBe("done");
    expect(rolloutStatus(deploy("a", { metadata: { name: "web", generation: 4 } })).message).toMatch(/spec update to be observed/);
    expect(rolloutStatus(deploy("a", { status: { observedGeneration: 3, replicas: 4, updatedReplicas: 1, availableReplicas: 3 } })).message).toMatch(/1 out of 3 new replicas/);
    expect(rolloutStatus(deploy("a", { status: { observedGeneration: 3, replicas: 4, updatedReplicas: 3, availableReplicas: 3 } })).message).toMatch(/1 old replicas are pending termination/);
    expect(rolloutStatus(deploy("a", { status: { observedGeneration: 3, replicas: 3, updatedReplicas: 3, availableReplicas: 2 } })).message).toMatch(/2 of 3 updated replicas are available/);
    expect(rolloutStatus(deploy("a", { status: { observedGeneration: 3, conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }] } })).state).toBe("error");
  });
});

describe("rollout undo", () => {
  const sets = [rs("1", "app:v1", "aaa"), rs("2", "app:v2", "bbb")];
  it("goes back to the previous revision's template, without the hash label, keeping the deployment's own annotations", () => {
    const plan = planRollback(deploy("app:v2"), sets);
    expect(plan.ok && "ops" in plan.value && plan.value.revision).toBe(1);
    const ops = plan.ok && "ops" in plan.value ? (plan.value.ops as { path: string; value: { spec?: { containers: { image: string }[] }; metadata?: { labels?: Record<string, string> } } & Record<string, string> }[]) : [];
    expect(ops[0]!.value.spec!.containers[0]!.image).toBe("app:v1");
    expect(ops[0]!.value.metadata!.labels).toEqual({ app: "web" });
    expect(ops[1]!.value).toEqual({ "deployment.kubernetes.io/revision": "2", "kubectl.kubernetes.io/last-applied-configuration": "{}", "x/own": "aaa" });
  });
  it("skips when the target already matches and refuses without history or when paused", () => {
    const matches = planRollback(deploy("app:v1"), [rs("1", "app:v2", "bbb"), rs("2", "app:v1", "aaa")]);
    expect(matches.ok && "skip" in matches.value).toBe(false);
    const same = planRollback(deploy("app:v1"), [rs("1", "app:v1", "aaa"), rs("2", "app:v2", "bbb")]);
    expect(same.ok && "skip" in same.value).toBe(true);
    expect(planRollback(deploy("app:v1"), [sets[0]!]).ok).toBe(false);
    expect(planRollback(deploy("app:v2", { spec: { ...deploy("x").spec!, paused: true } }), sets).ok).toBe(false);
    expect(planRollback(deploy("app:v2"), sets, 7).ok).toBe(false);
  });
});

describe("drain filters", () => {
  const base: Pod = { metadata: { name: "p", namespace: "a", ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "r", uid: "1", controller: true }] }, spec: { containers: [] }, status: { phase: "Running" } };
  it("evicts replicated pods, skips DaemonSet and mirror pods, refuses emptyDir and bare pods", () => {
    expect(drainVerdict(base, {}).action).toBe("evict");
    const ds = { ...base, metadata: { ...base.metadata, ownerReferences: [{ apiVersion: "apps/v1", kind: "DaemonSet", name: "d", uid: "2", controller: true }] } };
    expect(drainVerdict(ds, { ignoreDaemonSets: true }).action).toBe("skip");
    expect(drainVerdict(ds, {}).action).toBe("refuse");
    const local = { ...base, spec: { containers: [], volumes: [{ name: "tmp", emptyDir: {} }] } };
    expect(drainVerdict(local, {}).why).toMatch(/--delete-emptydir-data/);
    expect(drainVerdict(local, { deleteEmptyDirData: true }).action).toBe("evict");
    expect(drainVerdict({ ...base, metadata: { name: "bare" } }, {}).action).toBe("refuse");
  });
});
