import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import { NS, courseCheck, evidenceOf, forbidden, items, list, variant } from "./__fixtures__/recorded";
import type { Quota } from "./quota";
import { resourceQuotaActive } from "./resource-quota-active";

const check = courseCheck("resourceQuotaActive", "d01-s2", "quota-active");
const [quota] = items<Quota>("quotas");

describe("resourceQuotaActive", () => {
  it("passes when the quota controller tracks usage against every hard limit", () => {
    const v = resourceQuotaActive.evaluate(list("quotas"), check);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("usage tracked for every limit");
    const describe = evidenceOf(v, "kubectl describe resourcequota ecommerce-resource-quota");
    expect(describe).toContain(`Namespace:  ${NS}`);
    expect(describe).toMatch(/limits\.cpu\s+2900m\s+18/);
    expect(describe).toMatch(/services\.nodeports\s+0\s+0/);
  });

  it("fails while the controller has not observed the quota (no status yet)", () => {
    const fresh = variant(quota!, (q) => void delete q.status);
    const v = resourceQuotaActive.evaluate(ok([fresh]), check);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("status does not match spec yet (quota not observed)");
    expect(evidenceOf(v, "kubectl describe resourcequota")).toMatch(/pods\s+-\s+40/);
  });

  it("fails while a changed limit is not observed yet", () => {
    const raised = variant(quota!, (q) => void (q.spec!.hard!.pods = "50"));
    expect(resourceQuotaActive.evaluate(ok([raised]), check).status).toBe("fail");
  });

  it("fails, without waiting, when the quota does not exist", () => {
    const v = resourceQuotaActive.evaluate(ok([]), check);
    expect(v).toMatchObject({ status: "fail", final: true, actual: `ResourceQuota ecommerce-resource-quota not found in ${NS}` });
  });

  it("is an error when quotas may not be listed", () => {
    expect(resourceQuotaActive.evaluate(forbidden(), check).status).toBe("error");
  });
});
