import { settle } from "@/lib/k8s/wait";
import type { Check } from "./registry";
import { moduleOf, type ClusterCheckKind } from "./registry";
import { summarizeSuite } from "./kinds/validation-suite";
import { resolveSuite, type SuitesFile } from "./suites";
import type { CheckResult, ClusterReads, Verdict } from "./types";

export type RunOptions = {
  suites?: SuitesFile;
  signal?: AbortSignal;
  /** Scales settle windows (tests and benchmarks shorten them; the UI shows the real ones). */
  settleScale?: number;
  /** Called as each check finishes, for live progress. */
  onResult?: (result: CheckResult) => void;
};

async function once(reads: ClusterReads, check: Check): Promise<Verdict> {
  try {
    const module = moduleOf(check.kind as ClusterCheckKind);
    return module.evaluate((await module.fetch(reads, check as never)) as never, check as never);
  } catch (error) {
    console.error("[daybook] check crashed", check.id, error);
    return { status: "error", expected: check.title, actual: `Daybook could not run this check: ${error instanceof Error ? error.message : String(error)}`, evidence: [] };
  }
}

async function runOne(reads: ClusterReads, check: Check, opts: RunOptions): Promise<CheckResult> {
  const started = performance.now();
  const base = { checkId: check.id, title: check.title, kind: check.kind };
  if (check.kind === "validationSuite") {
    // A suite's settle window applies to each of its checks that has none of its own.
    if (!opts.suites) return { ...base, status: "error", expected: check.title, actual: "validation suites are not loaded", evidence: [], durationMs: 0 };
    const children = resolveSuite(opts.suites, check.suite, check.args).map(({ suite, check: c }) => ({ ...c, id: `${suite}/${c.id}`, settle: c.settle ?? check.settle }) as Check);
    const results = await runChecks(reads, children, { ...opts, onResult: undefined });
    return { ...base, ...summarizeSuite(check.suite, results), durationMs: Math.round(performance.now() - started), children: results };
  }
  const first = await once(reads, check);
  const timeoutMs = (check.settle?.timeoutSeconds ?? 0) * 1000 * (opts.settleScale ?? 1);
  if (first.status === "pass" || first.final || timeoutMs <= 0) return { ...base, ...first, durationMs: Math.round(performance.now() - started) };
  // Each retry reads afresh: the cluster is expected to change while it settles.
  const offset = Math.round(performance.now() - started);
  const settled = await settle(() => once(reads.fresh(), check), (v) => v.status === "pass", { timeoutMs, intervalMs: 2000, signal: opts.signal, delayFirst: true });
  const attempts = [{ atMs: 0, value: first }, ...settled.attempts.map((a) => ({ ...a, atMs: a.atMs + offset }))];
  const waitedMs = Math.round(performance.now() - started);
  return {
    ...base,
    ...settled.final,
    durationMs: waitedMs,
    settle: { waitedMs, settled: settled.settled, attempts: attempts.map((a) => ({ atMs: a.atMs, status: a.value.status, actual: a.value.actual })) },
  };
}

/** Runs checks in parallel over shared reads; every check gets a result, none stops the others. */
export async function runChecks(reads: ClusterReads, checks: Check[], opts: RunOptions = {}): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async (c) => {
      const r = await runOne(reads, c, opts);
      opts.onResult?.(r);
      return r;
    }),
  );
}
