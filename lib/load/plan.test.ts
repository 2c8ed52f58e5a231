import { describe, expect, it } from "vitest";
import { connectionCap, timeScale } from "./plan";

describe("test-only load settings", () => {
  it("caps connections only with a positive whole number", () => {
    expect(connectionCap("50")).toBe(50);
    for (const raw of [undefined, "", "0", "-5", "2.5", "many"]) expect(connectionCap(raw)).toBeUndefined();
  });

  it("scales time only within (0, 1]", () => {
    expect(timeScale("0.01")).toBe(0.01);
    for (const raw of [undefined, "0", "2", "fast"]) expect(timeScale(raw)).toBe(1);
  });
});
