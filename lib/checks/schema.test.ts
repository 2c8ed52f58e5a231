import path from "node:path";
import { describe, expect, it } from "vitest";
import { allSteps, findStep, loadCourse } from "@/lib/course/load";
import { checkKinds, checkSchema } from "./registry";

const course = loadCourse(path.resolve(import.meta.dirname, "../../course"));

describe("check specs", () => {
  it("use only defined kinds, and the plan exercises most of them", () => {
    const used = new Set(allSteps(course).flatMap((s) => s.checks.map((c) => c.kind)));
    for (const kind of used) expect(checkKinds).toContain(kind);
    expect(used.size).toBeGreaterThanOrEqual(34);
  });

  it("tell 'VPA is not installed' apart from a missing VPA object", () => {
    expect(findStep(course, "d14-s2")?.checks.map((c) => c.kind)).toEqual(["crdInstalled", "vpaExists"]);
  });

  it("keep secrets to key names", () => {
    const secretChecks = allSteps(course).flatMap((s) => s.checks).filter((c) => c.kind === "secretKeys");
    expect(secretChecks.length).toBe(2);
    for (const c of secretChecks) expect(Object.keys(c).sort()).toEqual(["id", "kind", "manifest", "name", "namespace", "substep", "title"]);
  });

  it("reject unknown fields and malformed ids", () => {
    const base = { id: "img", title: "image", namespace: "ecommerce", deployment: "d", container: "c" };
    expect(checkSchema.safeParse({ ...base, kind: "deploymentImage", image: "a:1" }).success).toBe(true);
    expect(checkSchema.safeParse({ ...base, kind: "deploymentImage", image: "a:1", values: true }).success).toBe(false);
    expect(checkSchema.safeParse({ ...base, kind: "deploymentImage" }).success).toBe(false);
    expect(checkSchema.safeParse({ id: "Bad Id", title: "t", kind: "manual", prompt: "p" }).success).toBe(false);
    expect(checkSchema.safeParse({ id: "x", title: "t", kind: "noSuchKind" }).success).toBe(false);
  });

  it("have no check the course cannot fail: the service proxy path and expect-failure exec are gone", () => {
    const kinds = allSteps(course).flatMap((s) => s.checks.map((c) => c.kind as string));
    expect(kinds).not.toContain("httpViaServiceProxy");
    const curlWithoutFail = allSteps(course).flatMap((s) => s.checks).filter((c) => c.kind === "execSucceeds" && c.command[0] === "curl" && !c.command.some((a) => /^-[a-zA-Z]*f/.test(a)));
    expect(curlWithoutFail).toEqual([]);
  });
});
