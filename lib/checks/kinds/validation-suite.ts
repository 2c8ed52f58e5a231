import { z } from "zod";
import { checkSchemaOf } from "../define";
import type { CheckResult, Verdict } from "../types";

export const validationSuiteSchema = checkSchemaOf("validationSuite", { suite: z.enum(["run-tests", "health-check", "performance-test", "smoke-tests"]), args: z.array(z.string()) });

/** A suite passes when every check it ran passed; anything else is reported by its worst outcome. */
export function summarizeSuite(suite: string, children: CheckResult[]): Verdict {
  const count = (s: string) => children.filter((c) => c.status === s).length;
  const worst = count("error") ? "error" : count("fail") ? "fail" : count("inconclusive") ? "inconclusive" : "pass";
  const failing = children.filter((c) => c.status !== "pass").map((c) => `${c.checkId}: ${c.actual}`);
  return {
    status: children.length === 0 ? "fail" : worst,
    expected: `every check of the ${suite} suite passes`,
    actual: `${count("pass")} of ${children.length} passed${failing.length ? `; ${failing.slice(0, 3).join("; ")}` : ""}`,
    evidence: [{ title: `./validation/${suite}.sh`, text: children.map((c) => `${c.status.toUpperCase().padEnd(12)} ${c.checkId}  ${c.actual}`).join("\n") }],
  };
}
