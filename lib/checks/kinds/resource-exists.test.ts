import { describe, expect, it } from "vitest";
import { failure, ok } from "@/lib/k8s/result";
import { NS, courseCheck, evidenceOf, expectNoSecretValues, forbidden, items, list, suiteCheck } from "./__fixtures__/recorded";
import { resourceExists } from "./resource-exists";

const limitRange = courseCheck("resourceExists", "d01-s2", "limitrange-exists");

describe("resourceExists", () => {
  it("passes when the named object exists", () => {
    const v = resourceExists.evaluate(list("limitranges"), limitRange);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("found");
    expect(evidenceOf(v, `kubectl get limitrange ecommerce-limit-range -n ${NS}`)).toMatch(/^NAME\s+AGE\necommerce-limit-range\s+\S+$/);
  });

  it("fails, without waiting, when it does not", () => {
    const v = resourceExists.evaluate(ok([]), limitRange);
    expect(v).toMatchObject({ status: "fail", final: true, actual: "not found" });
    expect(evidenceOf(v, "kubectl get limitrange")).toBe('Error from server (NotFound): LimitRange "ecommerce-limit-range" not found');
  });

  it("finds the RBAC objects of Day 13 by name, not any object of the kind", () => {
    expect(resourceExists.evaluate(list("serviceaccounts"), courseCheck("resourceExists", "d13-s1", "sa-prometheus")).status).toBe("pass");
    expect(resourceExists.evaluate(list("roles"), courseCheck("resourceExists", "d13-s1", "roles-exist")).status).toBe("pass");
    expect(resourceExists.evaluate(list("rolebindings"), courseCheck("resourceExists", "d13-s1", "rolebindings-exist")).status).toBe("pass");
    const grafanaOnly = items("roles").filter((r) => r.metadata?.name === "grafana-role");
    expect(resourceExists.evaluate(ok(grafanaOnly), courseCheck("resourceExists", "d13-s1", "roles-exist")).status).toBe("fail");
  });

  it("fails Day 16's ingress check when the release has no Ingress of that name", () => {
    const v = resourceExists.evaluate(ok([]), courseCheck("resourceExists", "d16-s1", "ingress-exists"));
    expect(v.status).toBe("fail");
    expect(v.expected).toBe(`Ingress ecommerce-prod exists in ${NS}`);
  });

  it("shows a Secret by name and age only (run-tests' database-secret check)", () => {
    const v = resourceExists.evaluate(list("secrets"), suiteCheck("resourceExists", "run-tests", [], "database-secret"));
    expect(v).toMatchObject({ status: "pass", actual: "found" });
    expect(evidenceOf(v, `kubectl get secret ecommerce-database-secret -n ${NS}`)).toMatch(/^NAME\s+AGE\necommerce-database-secret\s+\S+$/);
    expectNoSecretValues(v, items("secrets"));
  });

  it("counts objects when no name is given", () => {
    const c = { ...suiteCheck("resourceExists", "run-tests", [], "quota"), name: undefined, minCount: 2 };
    expect(resourceExists.evaluate(list("quotas"), c)).toMatchObject({ status: "fail", actual: "1 found" });
    expect(resourceExists.evaluate(list("quotas"), { ...c, minCount: 1 })).toMatchObject({ status: "pass", actual: "1 found" });
  });

  it("fails when the kind is not served at all", () => {
    const v = resourceExists.evaluate(failure("unsupported", "The cluster does not serve autoscaling.k8s.io/v1 (is the CRD or API installed?).", { status: 404 }), { ...limitRange, apiVersion: "autoscaling.k8s.io/v1", resourceKind: "VerticalPodAutoscaler" });
    expect(v.status).toBe("fail");
    expect(evidenceOf(v, "API discovery")).toContain("does not serve autoscaling.k8s.io/v1");
  });

  it("is an error when the objects may not be listed", () => {
    const v = resourceExists.evaluate(forbidden(), limitRange);
    expect(v.status).toBe("error");
    expect(v.actual).toMatch(/^Could not read LimitRange objects: /);
  });
});
