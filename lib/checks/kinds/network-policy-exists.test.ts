import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import { NS, courseCheck, evidenceOf, forbidden, items, list, suiteCheck } from "./__fixtures__/recorded";
import { networkPolicyExists } from "./network-policy-exists";

const named = courseCheck("networkPolicyExists", "d13-s2", "policies-exist");
const counted = suiteCheck("networkPolicyExists", "run-tests", ["--type=security"], "network-policies");

describe("networkPolicyExists", () => {
  it("passes when the course's policies exist, listed like kubectl get networkpolicy", () => {
    const v = networkPolicyExists.evaluate(list("networkpolicies"), named);
    expect(v).toMatchObject({ status: "pass", actual: "9 policies" });
    const table = evidenceOf(v, `kubectl get networkpolicy -n ${NS}`);
    expect(table).toMatch(/^NAME\s+POD-SELECTOR\s+TYPES\n/);
    expect(table).toMatch(/default-deny-all\s+<all pods>\s+Ingress,Egress/);
    expect(table).toMatch(/ecommerce-backend-netpol\s+app=ecommerce,component=backend\s+Ingress,Egress/);
    expect(table).toMatch(/allow-ingress-controller\s+component in \(frontend,backend\)\s+Ingress/);
  });

  it("fails naming the missing policy", () => {
    const v = networkPolicyExists.evaluate(ok(items("networkpolicies").filter((p) => p.metadata?.name !== "prometheus-netpol")), named);
    expect(v).toMatchObject({ status: "fail", actual: "missing prometheus-netpol" });
  });

  it("counts policies for the validation suite", () => {
    expect(networkPolicyExists.evaluate(list("networkpolicies"), counted).status).toBe("pass");
    expect(networkPolicyExists.evaluate(ok(items("networkpolicies").slice(0, 4)), counted)).toMatchObject({ status: "fail", actual: "4 policies" });
    expect(networkPolicyExists.evaluate(ok([]), counted)).toMatchObject({ status: "fail", actual: "0 policies" });
  });

  it("is an error when policies may not be listed", () => {
    expect(networkPolicyExists.evaluate(forbidden(), named).status).toBe("error");
  });
});
