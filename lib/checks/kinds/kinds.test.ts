import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkKinds } from "../registry";

const dir = import.meta.dirname;
const tests = fs.readdirSync(dir).filter((f) => f.endsWith(".test.ts") && f !== "kinds.test.ts").map((f) => fs.readFileSync(path.join(dir, f), "utf8"));

describe("check kinds", () => {
  it("each has a colocated test that feeds evaluate() (validationSuite: summarizeSuite)", () => {
    const untested = checkKinds.filter((kind) => !tests.some((t) => t.includes(`describe("${kind}"`) && (t.includes(`${kind}.evaluate(`) || (kind === "validationSuite" && t.includes("summarizeSuite(")))));
    expect(untested).toEqual([]);
  });
});
