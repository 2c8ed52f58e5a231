import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import { HELM_NS, courseCheck, evidenceOf, expectNoSecretValues, forbidden, items, list } from "./__fixtures__/recorded";
import { helmRelease } from "./helm-release";

// Recorded with helm 3 in its own namespace: `helm install`, then an upgrade the API server refused.
const check = { ...courseCheck("helmRelease", "d16-s1", "helm-release"), namespace: HELM_NS };

describe("helmRelease", () => {
  it("passes when the latest revision is deployed, shown like helm history, without the release's data", () => {
    const v = helmRelease.evaluate(list("helm-secrets-deployed"), check);
    expect(v).toMatchObject({ status: "pass", actual: "revision 1 is deployed" });
    expect(evidenceOf(v, `helm history ecommerce-prod -n ${HELM_NS}`)).toMatch(/^REVISION\s+STATUS\s+AGE\n1\s+deployed\s+\S+$/);
    expectNoSecretValues(v, items("helm-secrets-deployed"));
  });

  it("fails when the latest revision failed (an upgrade the API server refused)", () => {
    const v = helmRelease.evaluate(list("helm-secrets-failed"), check);
    expect(v).toMatchObject({ status: "fail", actual: "revision 2 is failed" });
    expect(evidenceOf(v, "helm history")).toMatch(/1\s+deployed\s+\S+\n2\s+failed\s+\S+$/);
    expectNoSecretValues(v, items("helm-secrets-failed"));
  });

  it("fails, without waiting, when there is no such release; is an error when Secrets may not be listed", () => {
    const v = helmRelease.evaluate(ok([]), check);
    expect(v).toMatchObject({ status: "fail", final: true, actual: `no Helm release ecommerce-prod in ${HELM_NS}` });
    expect(evidenceOf(v, "helm status")).toBe("Error: release: not found");
    expect(helmRelease.evaluate(forbidden(), check).status).toBe("error");
  });
});
