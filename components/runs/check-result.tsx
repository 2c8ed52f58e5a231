import type { CheckResult } from "@/lib/checks/types";
import { EvidenceBlock } from "./evidence-block";
import { RunBadge } from "./run-badge";

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`);

/** One check: its verdict, what it expected and found, and (folded) the evidence it read and each settle try. */
export function CheckResultItem({ result, observedEarlier }: { result: CheckResult; observedEarlier?: boolean }) {
  return (
    <li className="rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-start gap-2">
        <RunBadge status={result.status} />
        <p className="min-w-0 flex-1 text-sm font-medium text-slate-900">{result.title}</p>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">Expected</dt>
        <dd className="break-words">{result.expected}</dd>
        <dt className="text-slate-600">Found</dt>
        <dd className="break-words font-medium">{result.actual}</dd>
        {result.via ? (
          <>
            <dt className="text-slate-600">Path</dt>
            <dd className="break-words text-slate-700">{result.via}</dd>
          </>
        ) : null}
      </dl>
      {observedEarlier ? <p className="mt-1 text-xs text-slate-600">Observed during an earlier run of this step; it is a moment of the procedure and is not asked again.</p> : null}
      {result.settle ? (
        <p className="mt-1 text-xs text-slate-600">
          Waited {seconds(result.settle.waitedMs)} for the cluster to settle ({result.settle.attempts.length} tries{result.settle.settled ? "" : ", still not there"}).
        </p>
      ) : null}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">Evidence{result.settle ? " and each try" : ""}</summary>
        <div className="mt-2 space-y-3">
          <EvidenceBlock evidence={result.evidence} />
          {result.settle ? (
            <ol className="space-y-0.5 font-mono text-xs text-slate-700">
              {result.settle.attempts.map((a, i) => (
                <li key={i}>
                  +{seconds(a.atMs)} {a.status}: {a.actual}
                </li>
              ))}
            </ol>
          ) : null}
          {result.children?.length ? (
            <ul className="space-y-2">
              {result.children.map((c) => (
                <CheckResultItem key={c.checkId} result={c} />
              ))}
            </ul>
          ) : null}
        </div>
      </details>
    </li>
  );
}
