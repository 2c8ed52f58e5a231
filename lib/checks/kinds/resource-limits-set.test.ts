import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import { BARE_NS, NS, courseCheck, evidenceOf, forbidden, items, list } from "./__fixtures__/recorded";
import { resourceLimitsSet } from "./resource-limits-set";

const check = courseCheck("resourceLimitsSet", "d07-s1", "limits-set");

describe("resourceLimitsSet", () => {
  it("passes when every container has requests and limits (the course sets them, the LimitRange fills gaps)", () => {
    const v = resourceLimitsSet.evaluate(list("day03-pods"), check);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("all 6 containers of 6 pods");
    expect(evidenceOf(v, "Requests and limits")).toMatch(/ecommerce-backend-deployment-\S+\s+ecommerce-backend\s+cpu=\S+,memory=\S+\s+cpu=\S+,memory=\S+/);
  });

  it("counts init containers too (Day 8's init-db)", () => {
    const v = resourceLimitsSet.evaluate(list("day08-init-pods"), check);
    expect(v.status).toBe("pass");
    expect(evidenceOf(v, "Requests and limits")).toMatch(/init-db\s+cpu=50m,memory=32Mi\s+cpu=100m,memory=64Mi/);
  });

  it("fails naming the pods and containers without them (a namespace without LimitRange)", () => {
    const pods = items("bare-pods");
    const v = resourceLimitsSet.evaluate(list("bare-pods"), { ...check, namespace: BARE_NS });
    expect(v.status).toBe("fail");
    expect(v.actual).toBe(`missing on ${pods.map((p) => `${p.metadata?.name}/nginx`).join(", ")}`);
    expect(evidenceOf(v, "Requests and limits")).toMatch(/nginx\s+-\s+-/);
  });

  it("fails when there are no pods to look at", () => {
    expect(resourceLimitsSet.evaluate(ok([]), check)).toMatchObject({ status: "fail", actual: `no pods in ${NS}` });
  });

  it("is an error when pods may not be listed", () => {
    expect(resourceLimitsSet.evaluate(forbidden(), check).status).toBe("error");
  });
});
