import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import { BARE_NS, NS, courseCheck, evidenceOf, failureOf, forbidden, items, list } from "./__fixtures__/recorded";
import type { Quota } from "./quota";
import { planOverage, type LimitRange } from "./quota-overage";
import { resourceQuotaEnforced } from "./resource-quota-enforced";

const check = courseCheck("resourceQuotaEnforced", "d07-s1", "quota-enforced");
const quotas = items<Quota>("quotas");
const ranges = items<LimitRange>("limitranges");
const plan = planOverage(quotas[0]!, ranges, NS)!;

describe("resourceQuotaEnforced", () => {
  it("plans an object the quota must refuse and the LimitRange allows: a NodePort Service (services.nodeports is 0)", () => {
    expect(plan).toMatchObject({ resource: "services.nodeports", why: "services.nodeports: 0 left", object: { kind: "Service", spec: { type: "NodePort" } } });
  });

  it("passes when the server-side dry run is refused by the quota (the recorded answer)", () => {
    const v = resourceQuotaEnforced.evaluate({ quotas: list("quotas"), plan, attempt: failureOf("quota-nodeport-refused") }, check);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe('refused: services "daybook-quota-probe" is forbidden: exceeded quota: ecommerce-resource-quota, requested: services.nodeports=1, used: services.nodeports=0, limited: services.nodeports=0');
    expect(evidenceOf(v, "Answer")).toMatch(/^Error from server \(Forbidden\): services "daybook-quota-probe" is forbidden: exceeded quota/);
    expect(evidenceOf(v, "kubectl create --dry-run=server (Service asking past services.nodeports)")).toContain('"type": "NodePort"');
  });

  it("fails when the quota admits the object that exceeds it", () => {
    const v = resourceQuotaEnforced.evaluate({ quotas: list("quotas"), plan, attempt: ok(plan.object) }, check);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("the quota admitted a Service that exceeds services.nodeports");
  });

  it("is an error, not a pass, when something else (the LimitRange) refused the object", () => {
    const v = resourceQuotaEnforced.evaluate({ quotas: list("quotas"), plan, attempt: failureOf("quota-limitrange-refused") }, check);
    expect(v.status).toBe("error");
    expect(v.actual).toBe('the dry run was refused for another reason: pods "daybook-quota-probe" is forbidden: [maximum cpu usage per Container is 2, but limit is 9, maximum cpu usage per Pod is 4, but limit is 9]');
  });

  it("is inconclusive when every limit has room for the largest object the LimitRange allows", () => {
    const roomy = items<Quota>("bare-quotas");
    expect(planOverage(roomy[0]!, items<LimitRange>("bare-limitranges"), BARE_NS)).toBeUndefined();
    const v = resourceQuotaEnforced.evaluate({ quotas: ok(roomy) }, { ...check, namespace: BARE_NS, name: "roomy" });
    expect(v.status).toBe("inconclusive");
    expect(evidenceOf(v, "kubectl describe resourcequota roomy")).toMatch(/requests\.cpu\s+0\s+1k/);
  });

  it("fails, without waiting, when the quota does not exist", () => {
    expect(resourceQuotaEnforced.evaluate({ quotas: ok([]) }, check)).toMatchObject({ status: "fail", final: true });
  });

  it("is an error when quotas may not be listed", () => {
    expect(resourceQuotaEnforced.evaluate({ quotas: forbidden() }, check).status).toBe("error");
  });
});
