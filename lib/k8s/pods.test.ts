import { describe, expect, it } from "vitest";
import { attachablePod, defaultContainer, podForLogs, selectorToString, targetPortOf } from "./pods";
import type { Pod, Service } from "./types";

const pod = (name: string, o: { phase?: string; ready?: boolean; node?: string; restarts?: number; created?: string; deleting?: boolean } = {}): Pod => ({
  metadata: { name, creationTimestamp: o.created ?? "2026-01-01T00:00:00Z", deletionTimestamp: o.deleting ? "2026-01-02T00:00:00Z" : undefined },
  spec: { nodeName: o.node ?? "n1", containers: [{ name: "app", ports: [{ name: "http", containerPort: 8000 }] }] },
  status: { phase: o.phase ?? "Running", conditions: [{ type: "Ready", status: o.ready === false ? "False" : "True" }], containerStatuses: [{ name: "app", ready: o.ready !== false, restartCount: o.restarts ?? 0 }] },
});

describe("kubectl's pod choice", () => {
  it("attaches to a ready, running, assigned pod with the fewest restarts", () => {
    const pods = [pod("pending", { phase: "Pending" }), pod("crashy", { restarts: 5 }), pod("unready", { ready: false }), pod("good", { restarts: 0 }), pod("gone", { deleting: true })];
    expect(attachablePod(pods)?.metadata?.name).toBe("good");
  });
  it("reads logs of the pod with the most restarts, to show the crash", () => {
    expect(podForLogs([pod("good"), pod("crashy", { restarts: 5 })])?.metadata?.name).toBe("crashy");
  });
  it("has no pod to pick when all are terminating", () => {
    expect(attachablePod([pod("gone", { deleting: true })])).toBeUndefined();
  });
});

describe("selectors and ports", () => {
  it("writes set-based selectors as kubectl does", () => {
    expect(selectorToString({ matchLabels: { app: "shop" }, matchExpressions: [{ key: "tier", operator: "In", values: ["a", "b"] }, { key: "x", operator: "DoesNotExist" }] })).toBe("app=shop,tier in (a,b),!x");
  });
  it("translates a named target port to the container port", () => {
    const svc: Service = { spec: { ports: [{ port: 80, targetPort: "http" }, { port: 81, targetPort: 9000 }, { port: 82 }] } };
    expect(targetPortOf(svc, 80, pod("p"))).toBe(8000);
    expect(targetPortOf(svc, 81, pod("p"))).toBe(9000);
    expect(targetPortOf(svc, 82, pod("p"))).toBe(82);
    expect(targetPortOf(svc, 99, pod("p"))).toBeUndefined();
  });
  it("honours the default-container annotation only when it names a container", () => {
    const p = pod("p");
    expect(defaultContainer({ ...p, metadata: { annotations: { "kubectl.kubernetes.io/default-container": "app" } } })).toBe("app");
    expect(defaultContainer({ ...p, metadata: { annotations: { "kubectl.kubernetes.io/default-container": "nope" } } })).toBe("app");
  });
});
