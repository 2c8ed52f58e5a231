import { describe, expect, it } from "vitest";
import { dayHref, plural, stepHref } from "./utils";

describe("utils", () => {
  it("pluralises English nouns by count", () => {
    expect(plural(0, "command")).toBe("0 commands");
    expect(plural(1, "command")).toBe("1 command");
    expect(plural(2, "command")).toBe("2 commands");
  });

  it("keeps the viewed team in plan links", () => {
    expect(dayHref(3)).toBe("/plan/day/3");
    expect(stepHref("d03-s1", "t1")).toBe("/plan/step/d03-s1?team=t1");
  });
});
