import { describe, expect, it } from "vitest";
import { parseIdParam, stringParam } from "./search-params";

describe("query-string parameters", () => {
  it("accepts one well-formed id or none", () => {
    expect(parseIdParam(undefined)).toBeUndefined();
    expect(parseIdParam("cmabc123_x-Y")).toBe("cmabc123_x-Y");
  });

  it("refuses repeated, empty, oversized or odd ids as a bad link", () => {
    for (const bad of [["a", "b"], "", "x".repeat(65), "a b", "../etc", 42]) {
      expect(() => parseIdParam(bad)).toThrowError(expect.objectContaining({ code: "NOT_FOUND" }));
    }
  });

  it("drops a repeated plain parameter", () => {
    expect(stringParam("/plan")).toBe("/plan");
    expect(stringParam(["/a", "/b"])).toBeUndefined();
    expect(stringParam(undefined)).toBeUndefined();
  });
});
