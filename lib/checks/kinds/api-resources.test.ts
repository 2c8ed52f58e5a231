import { describe, expect, it } from "vitest";
import type { ServedResources } from "@/lib/k8s/discovery";
import { ok } from "@/lib/k8s/result";
import { courseCheck, evidenceOf, fixture, forbidden } from "./__fixtures__/recorded";
import { apiResources } from "./api-resources";

type Discovery = Record<string, { resources: { name: string }[] }>;
const check = courseCheck("apiResources", "d01-s1", "api-resources");

/** What servedResources() builds from the recorded discovery documents (subresources left out). */
function served(without: string[] = [], errors: string[] = []): ServedResources {
  const names = Object.values(fixture<Discovery>("discovery")).flatMap((gv) => gv.resources.map((r) => r.name)).filter((n) => !n.includes("/") && !without.includes(n));
  return { names: new Set(names), errors };
}

describe("apiResources", () => {
  it("passes when the API serves every resource the course uses", () => {
    const v = apiResources.evaluate(ok(served()), check);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("all served");
    expect(evidenceOf(v, "kubectl api-resources (matching)")).toBe("deployments\nservices\nconfigmaps\nsecrets\npersistentvolumes");
  });

  it("fails naming what is missing, and shows discovery errors as kubectl reports them", () => {
    const v = apiResources.evaluate(ok(served(["persistentvolumes"], ["metrics.k8s.io/v1beta1: the server is currently unable to handle the request"])), check);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("missing: persistentvolumes");
    expect(evidenceOf(v, "Discovery errors")).toBe("metrics.k8s.io/v1beta1: the server is currently unable to handle the request");
  });

  it("is an error when discovery is refused", () => {
    const v = apiResources.evaluate(forbidden(), check);
    expect(v.status).toBe("error");
    expect(evidenceOf(v, "API error")).toMatch(/^forbidden \(HTTP 403\): /);
  });
});
