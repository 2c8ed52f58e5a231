import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import type { Pod } from "@/lib/k8s/types";
import { NS, courseCheck, evidenceOf, forbidden, items, selected, suiteCheck, variant } from "./__fixtures__/recorded";
import { podsReady } from "./pods-ready";

const pods = items<Pod>("day03-pods");
const backend = courseCheck("podsReady", "d03-s1", "backend-pods-ready");
const database = courseCheck("podsReady", "d04-s1", "database-pods-ready");

describe("podsReady", () => {
  it("passes when enough of the selected pods are Running and Ready, listed like kubectl get pods", () => {
    const v = podsReady.evaluate(ok(selected(pods, backend.selector!)), backend);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("3 of 3 Ready");
    const table = evidenceOf(v, `kubectl get pods -n ${NS} -l app=ecommerce,component=backend`);
    expect(table.split("\n")[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(table).toMatch(/ecommerce-backend-deployment-\S+\s+1\/1\s+Running\s+0\s+\S+/);
  });

  it("fails for the recorded Pending database pod", () => {
    const v = podsReady.evaluate(ok(selected(pods, database.selector!)), database);
    expect(v).toMatchObject({ status: "fail", actual: "0 of 1 Ready" });
    expect(evidenceOf(v, "kubectl get pods")).toMatch(/0\/1\s+Pending/);
  });

  it("fails when the selector matches nothing", () => {
    const v = podsReady.evaluate(ok([]), courseCheck("podsReady", "d11-s1", "prometheus-ready"));
    expect(v).toMatchObject({ status: "fail", actual: "0 of 0 Ready" });
    expect(evidenceOf(v, "kubectl get pods")).toBe("No resources found");
  });

  it("without minReady (run-tests --final), every live pod must be Ready: the Pending database fails it", () => {
    const final = suiteCheck("podsReady", "run-tests", ["--type=all", "--environment=production", "--final"], "no-pending-pods");
    expect(podsReady.evaluate(ok(pods), final)).toMatchObject({ status: "fail", actual: "5 of 6 Ready" });
    expect(podsReady.evaluate(ok(pods.filter((p) => p.status?.phase === "Running")), final)).toMatchObject({ status: "pass", actual: "5 of 5 Ready" });
  });

  it("does not count pods that are terminating, nor completed ones", () => {
    const backendPods = selected(pods, backend.selector!);
    const going = backendPods.map((p, i) => (i === 0 ? variant(p, (x) => void (x.metadata!.deletionTimestamp = "2026-12-01T10:00:00Z")) : p));
    const v = podsReady.evaluate(ok(going), { ...backend, minReady: 3 });
    expect(v).toMatchObject({ status: "fail", actual: "2 of 2 Ready" });
    expect(evidenceOf(v, "kubectl get pods")).toMatch(/Terminating/);
  });

  it("a pod whose readiness probe fails is not Ready", () => {
    const unready = selected(pods, backend.selector!).map((p) => variant(p, (x) => void (x.status!.conditions!.find((c) => c.type === "Ready")!.status = "False")));
    expect(podsReady.evaluate(ok(unready), courseCheck("podsReady", "d06-s2", "backend-pods-ready"))).toMatchObject({ status: "fail", actual: "0 of 3 Ready" });
  });

  it("is an error when pods may not be listed", () => {
    expect(podsReady.evaluate(forbidden(), backend).status).toBe("error");
  });
});
