import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import type { Node, Pod } from "@/lib/k8s/types";
import { NS, courseCheck, evidenceOf, forbidden, items, list, variant } from "./__fixtures__/recorded";
import { nodeDrained, pdbHealthy, type Pdb } from "./pdb";

describe("pdbHealthy", () => {
  const backend = courseCheck("pdbHealthy", "d07-s2", "backend-pdb-kept");

  it("passes when the budget's pods are healthy, shown like kubectl get pdb", () => {
    const v = pdbHealthy.evaluate(list("pdbs"), backend);
    expect(v).toMatchObject({ status: "pass", actual: "1 budget(s) satisfied" });
    expect(evidenceOf(v, `kubectl get pdb -n ${NS}`)).toMatch(/^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+HEALTHY\necommerce-backend-pdb\s+2\s+N\/A\s+1\s+3\/2$/);
  });

  it("fails when the backend is below minAvailable (scaled to one pod, as recorded)", () => {
    const v = pdbHealthy.evaluate(list("pdbs-below"), backend);
    expect(v).toMatchObject({ status: "fail", actual: "ecommerce-backend-pdb: 1 healthy of 2 required" });
    expect(evidenceOf(v, "kubectl get pdb")).toMatch(/ecommerce-backend-pdb\s+2\s+N\/A\s+0\s+1\/2/);
  });

  it("fails for a budget that selects no pods", () => {
    const none = items<Pdb>("pdbs").map((p) => variant(p, (x) => void Object.assign(x.status!, { expectedPods: 0, currentHealthy: 0 })));
    expect(pdbHealthy.evaluate(ok(none), backend)).toMatchObject({ status: "fail", actual: "ecommerce-backend-pdb: selects no pods" });
  });

  it("without a name, checks every budget of the namespace", () => {
    const all = { ...backend, name: undefined };
    expect(pdbHealthy.evaluate(list("pdbs"), all)).toMatchObject({ status: "pass", actual: "2 budget(s) satisfied" });
    expect(pdbHealthy.evaluate(list("pdbs-below"), all).status).toBe("fail");
  });

  it("fails, without waiting, when the budget does not exist; is an error when budgets may not be listed", () => {
    expect(pdbHealthy.evaluate(ok([]), backend)).toMatchObject({ status: "fail", final: true, actual: "PodDisruptionBudget ecommerce-backend-pdb not found" });
    expect(pdbHealthy.evaluate(forbidden(), backend).status).toBe("error");
  });
});

describe("nodeDrained", () => {
  const check = courseCheck("nodeDrained", "d07-s2", "node-drained");
  const cordoned = items<Node>("drain-refused-nodes").find((n) => n.spec?.unschedulable)!.metadata!.name!;
  const state = (nodes: string, pods: string, pdbs: string) => ({ nodes: list<Node>(nodes), pods: list<Pod>(pods), pdbs: list<Pdb>(pdbs) });

  it("fails when no node is cordoned", () => {
    const v = nodeDrained.evaluate(state("nodes", "day03-pods", "pdbs"), check);
    expect(v).toMatchObject({ status: "fail", actual: "no node is cordoned: the drain has not run (or the node was uncordoned)" });
  });

  it("fails when a drain refused (emptyDir pods without --delete-emptydir-data): the node is cordoned, its pods are still there", () => {
    const left = items<Pod>("drain-refused-pods").filter((p) => p.spec?.nodeName === cordoned).map((p) => p.metadata?.name);
    expect(left.some((n) => n?.startsWith("prometheus-deployment"))).toBe(true);
    const v = nodeDrained.evaluate(state("drain-refused-nodes", "drain-refused-pods", "pdbs"), check);
    expect(v).toMatchObject({ status: "fail", actual: `node ${cordoned} is cordoned but still runs ${left.join(", ")}: the drain stopped before evicting them` });
    expect(evidenceOf(v, "kubectl get nodes")).toMatch(new RegExp(`^NAME\\s+SCHEDULING\\s+${NS.toUpperCase()} PODS\\n(.*\\n)*${cordoned}\\s+SchedulingDisabled\\s+${left.length}(\\n|$)`));
  });

  it("passes when the cordoned node runs none of the namespace's pods and every budget held", () => {
    const v = nodeDrained.evaluate(state("drained-nodes", "drained-pods", "drained-pdbs"), check);
    expect(v).toMatchObject({ status: "pass", actual: `node ${cordoned} is drained and every budget held` });
    expect(evidenceOf(v, "kubectl get nodes")).toMatch(new RegExp(`${cordoned}\\s+SchedulingDisabled\\s+0`));
  });

  it("fails when the node is drained but a budget is below minAvailable", () => {
    const v = nodeDrained.evaluate(state("drained-nodes", "drained-pods", "pdbs-below"), check);
    expect(v).toMatchObject({ status: "fail", actual: `node ${cordoned} is drained, but ecommerce-backend-pdb are below their budget` });
  });

  it("is an error when nodes or pods may not be listed", () => {
    expect(nodeDrained.evaluate({ ...state("drained-nodes", "drained-pods", "drained-pdbs"), nodes: forbidden() }, check).status).toBe("error");
    expect(nodeDrained.evaluate({ ...state("drained-nodes", "drained-pods", "drained-pdbs"), pods: forbidden() }, check).status).toBe("error");
  });

  it("is an error, not a pass, when the budgets may not be read: 'every budget held' needs them", () => {
    const v = nodeDrained.evaluate({ ...state("drained-nodes", "drained-pods", "drained-pdbs"), pdbs: forbidden() }, check);
    expect(v.status).toBe("error");
    expect(v.actual).toMatch(/^Could not read pod disruption budgets: /);
  });
});
