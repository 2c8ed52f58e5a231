import type { CheckResult } from "@/lib/checks/types";

// Load tests need the background job queue of a later version; until then they are reported, not run.
const deferred = (r: CheckResult): boolean => r.kind === "loadTest" || (r.kind === "validationSuite" && (r.children ?? []).filter((c) => c.status !== "pass").every(deferred) && (r.children ?? []).some(deferred));

/** Every unmet check of the run is one that cannot run in this version, so the next step may start. */
export const onlyDeferredUnmet = (results: CheckResult[]) => {
  const unmet = results.filter((r) => r.status !== "pass");
  return unmet.length > 0 && unmet.every(deferred);
};
