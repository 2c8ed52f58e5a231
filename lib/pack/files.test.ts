import { describe, expect, it } from "vitest";
import { readPackEntry } from "./files";

describe("readPackEntry", () => {
  it("reads a manifest the guide names", () => {
    const entry = readPackEntry(["k8s-manifests", "01-namespace.yaml"]);
    expect(entry?.type).toBe("file");
    expect(entry?.type === "file" && entry.content).toContain("name: ecommerce");
  });

  it("lists a folder", () => {
    const entry = readPackEntry(["k8s-manifests"]);
    expect(entry?.type === "dir" && entry.entries.map((e) => e.name)).toContain("04-deployments.yaml");
  });

  it("refuses paths outside the course folder, hidden files and the plan data", () => {
    expect(readPackEntry(["..", "package.json"])).toBeNull();
    expect(readPackEntry(["%2e%2e", "package.json"])).toBeNull();
    expect(readPackEntry(["plan", "course.yaml"])).toBeNull();
    expect(readPackEntry(["k8s-manifests", "missing.yaml"])).toBeNull();
  });
});
