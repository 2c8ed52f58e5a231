import type { Check } from "./registry";
import { moduleOf, type ClusterCheckKind } from "./registry";
import type { LintContext } from "./define";

const refs = (value: unknown): string[] =>
  typeof value === "string" ? (value.startsWith("@") ? [value] : []) : Array.isArray(value) ? value.flatMap(refs) : value && typeof value === "object" ? Object.values(value).flatMap(refs) : [];

/** A check's course lint: its kind's own rules, plus image references and suite scripts every kind shares. */
export function lintCheck(check: Check, pack: LintContext, knownRefs: Set<string>): string[] {
  const errors = refs(check).filter((r) => !knownRefs.has(r)).map((r) => `unknown image reference ${r} (known: ${[...knownRefs].join(", ")})`);
  if (check.kind === "validationSuite") {
    if (!pack.exists(`validation/${check.suite}.sh`)) errors.push(`validation/${check.suite}.sh does not exist`);
    return errors;
  }
  const module = moduleOf(check.kind as ClusterCheckKind);
  return [...errors, ...(module.lint?.(check as never, pack) ?? [])];
}

export { refs as imageReferencesIn };
