import { moduleOf, type Check, type ClusterCheckKind } from "@/lib/checks/registry";
import type { ClusterReads } from "@/lib/checks/types";
import { NotWatchable } from "./live-reads";
import type { LiveCheck } from "./types";
import { VERIFY_ONLY_KINDS } from "./verify-only";

export type LiveEvaluation = { checks: LiveCheck[]; used: Set<string>; verifyOnly: Map<string, string> };

/** Why a check is Verify's before reading anything: it is not a reading of the cluster's current state. */
export function staticallyVerifyOnly(check: Check): string | undefined {
  const kind = VERIFY_ONLY_KINDS[check.kind];
  if (kind) return kind;
  if (check.observe === "once") return "a moment in the procedure, seen once by Verify or an operation";
  return undefined;
}

/**
 * The step's checks decided by their own fetch and evaluate over live reads. `known` carries the checks
 * found Verify's before (so they do not open watches again); each watchable check's reads are recorded in
 * `used`, which is what the hub watches next.
 */
export async function evaluateLive(checks: Check[], readsFor: (use: (key: string) => void) => ClusterReads, known: ReadonlyMap<string, string> = new Map()): Promise<LiveEvaluation> {
  const used = new Set<string>();
  const verifyOnly = new Map(known);
  const results = await Promise.all(
    checks.map(async (check): Promise<LiveCheck> => {
      const base = { checkId: check.id, title: check.title };
      const reason = verifyOnly.get(check.id) ?? staticallyVerifyOnly(check);
      if (reason) return (verifyOnly.set(check.id, reason), { ...base, state: "verify", expected: check.title, actual: `checked when you verify (${reason})` });
      const mine = new Set<string>();
      try {
        const module = moduleOf(check.kind as ClusterCheckKind);
        const fetched = await module.fetch(readsFor((k) => mine.add(k)), check as never);
        const verdict = module.evaluate(fetched as never, check as never);
        for (const k of mine) used.add(k);
        return { ...base, state: verdict.status, expected: verdict.expected, actual: verdict.actual };
      } catch (error) {
        if (error instanceof NotWatchable) {
          verifyOnly.set(check.id, error.reason);
          return { ...base, state: "verify", expected: check.title, actual: `checked when you verify (${error.reason})` };
        }
        for (const k of mine) used.add(k);
        return { ...base, state: "error", expected: check.title, actual: `Daybook could not evaluate this check: ${error instanceof Error ? error.message : String(error)}` };
      }
    }),
  );
  return { checks: results, used, verifyOnly };
}
