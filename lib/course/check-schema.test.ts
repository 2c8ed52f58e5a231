import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkKinds, validCheckSchema } from "./check-schema";
import { allSteps, findStep, loadCourse } from "./load";

const course = loadCourse(path.resolve(import.meta.dirname, "../../course"));

describe("check specs", () => {
  it("use only defined kinds, and the plan exercises most of them", () => {
    const used = new Set(allSteps(course).flatMap((s) => s.checks.map((c) => c.kind)));
    for (const kind of used) expect(checkKinds).toContain(kind);
    expect(used.size).toBeGreaterThanOrEqual(30);
  });

  it("tell 'VPA is not installed' apart from a missing VPA object", () => {
    expect(findStep(course, "d14-s2")?.checks.map((c) => c.kind)).toEqual(["crdInstalled", "vpaExists"]);
  });

  it("keep secrets to key names", () => {
    const secretChecks = allSteps(course).flatMap((s) => s.checks).filter((c) => c.kind === "secretKeys");
    expect(secretChecks.length).toBe(2);
    for (const c of secretChecks) expect(Object.keys(c).sort()).toEqual(["id", "kind", "manifest", "name", "namespace", "substep", "title"]);
  });

  it("reject unknown fields and ambiguous specs", () => {
    const base = { id: "img", title: "image", namespace: "ecommerce", deployment: "d", container: "c" };
    expect(validCheckSchema.safeParse({ ...base, kind: "deploymentImage", image: "a:1" }).success).toBe(true);
    expect(validCheckSchema.safeParse({ ...base, kind: "deploymentImage", image: "a:1", notImage: "a:2" }).success).toBe(false);
    expect(validCheckSchema.safeParse({ ...base, kind: "deploymentImage", image: "a:1", values: true }).success).toBe(false);
    expect(validCheckSchema.safeParse({ id: "k", title: "keys", kind: "secretKeys", namespace: "n", name: "s" }).success).toBe(false);
    expect(validCheckSchema.safeParse({ id: "Bad Id", title: "t", kind: "manual", prompt: "p" }).success).toBe(false);
  });
});
