import { describe, expect, it } from "vitest";
import type { Pod } from "@/lib/k8s/types";
import { items } from "@/lib/checks/kinds/__fixtures__/recorded";
import { SelectorError, selectObjects } from "./selectors";

const pods = items<Pod>("day03-pods");
const names = (list: Pod[]) => list.map((p) => p.metadata!.name!.replace(/-[a-z0-9]+-[a-z0-9]+$/, "")).sort();

describe("selectObjects (a list's selectors, decided over a watch cache)", () => {
  it("matches equality labels as the API server does for -l app=ecommerce,component=backend", () => {
    const backend = selectObjects(pods, { labelSelector: "app=ecommerce,component=backend" });
    expect(backend.length).toBeGreaterThan(0);
    expect(backend.every((p) => p.metadata?.labels?.component === "backend")).toBe(true);
    expect(selectObjects(pods, { labelSelector: "app==ecommerce,component!=backend" }).every((p) => p.metadata?.labels?.component !== "backend")).toBe(true);
  });

  it("matches set-based requirements, the form selectorToString gives matchExpressions", () => {
    const both = selectObjects(pods, { labelSelector: "component in (backend, frontend),app" });
    expect(new Set(both.map((p) => p.metadata?.labels?.component))).toEqual(new Set(["backend", "frontend"]));
    expect(selectObjects(pods, { labelSelector: "component notin (backend,frontend)" }).some((p) => ["backend", "frontend"].includes(p.metadata!.labels!.component!))).toBe(false);
    expect(selectObjects(pods, { labelSelector: "!app" })).toEqual([]);
    expect(selectObjects(pods, { labelSelector: "no-such-label" })).toEqual([]);
  });

  it("matches field selectors on metadata, spec and status", () => {
    const one = pods[0]!;
    expect(selectObjects(pods, { fieldSelector: `metadata.name=${one.metadata!.name}` })).toEqual([one]);
    expect(selectObjects(pods, { fieldSelector: "status.phase=Running" }).every((p) => p.status?.phase === "Running")).toBe(true);
    expect(selectObjects(pods, { fieldSelector: "status.phase!=Running" }).length + selectObjects(pods, { fieldSelector: "status.phase=Running" }).length).toBe(pods.length);
    // An unscheduled pod has no spec.nodeName, which `spec.nodeName=` selects (as the API server's field sets do).
    const unscheduled = { ...one, spec: { ...one.spec!, nodeName: undefined } };
    expect(selectObjects([unscheduled, one], { fieldSelector: "spec.nodeName=" })).toEqual([unscheduled]);
  });

  it("without selectors gives everything, and refuses a selector it cannot read", () => {
    expect(names(selectObjects(pods))).toEqual(names(pods));
    expect(() => selectObjects(pods, { labelSelector: "app in backend" })).toThrow(SelectorError);
  });
});
