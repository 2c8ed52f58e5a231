import { describe, expect, it } from "vitest";
import type { Node } from "@/lib/k8s/types";
import { courseCheck, evidenceOf, forbidden, items, list, variant } from "./__fixtures__/recorded";
import { nodesReady } from "./nodes-ready";

const check = courseCheck("nodesReady", "d01-s1", "nodes-ready");
const nodes = items<Node>("nodes");
const cordoned = items<Node>("drain-refused-nodes").find((n) => n.spec?.unschedulable)!.metadata!.name!;

describe("nodesReady", () => {
  it("passes with three Ready nodes, listed like kubectl get nodes", () => {
    const v = nodesReady.evaluate(list("nodes"), check);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("3 of 3 nodes Ready");
    const table = evidenceOf(v, "kubectl get nodes");
    expect(table.split("\n")[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(table).toMatch(/kwok-node-0\s+Ready\s+agent\s+\S+\s+kwok-0\.8\.0/);
  });

  it("fails when a node's Ready condition is False", () => {
    const broken = nodes.map((n, i) => (i === 1 ? variant(n, (x) => void (x.status!.conditions!.find((c) => c.type === "Ready")!.status = "False")) : n));
    const v = nodesReady.evaluate({ ok: true, value: broken }, check);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("2 of 3 nodes Ready");
    expect(evidenceOf(v, "kubectl get nodes")).toMatch(/kwok-node-1\s+NotReady/);
  });

  it("fails with fewer nodes than the course needs", () => {
    const v = nodesReady.evaluate({ ok: true, value: nodes.slice(0, 2) }, check);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("2 of 2 nodes Ready");
    expect(v.expected).toBe("at least 3 nodes, every node Ready");
  });

  it("still counts a cordoned node as Ready, and says it is cordoned", () => {
    const v = nodesReady.evaluate(list("drain-refused-nodes"), check);
    expect(v.status).toBe("pass");
    expect(evidenceOf(v, "kubectl get nodes")).toMatch(new RegExp(`${cordoned}\\s+Ready,SchedulingDisabled`));
    expect(evidenceOf(v, "Note")).toContain(`Cordoned (SchedulingDisabled): ${cordoned}. Run`);
  });

  it("is an error when nodes may not be listed", () => {
    const v = nodesReady.evaluate(forbidden(), check);
    expect(v.status).toBe("error");
    expect(v.actual).toMatch(/^Could not read nodes: pods is forbidden/);
  });
});
