import { PageLink } from "@/components/layout/page-link";
import type { RunListItem } from "@/lib/data/runs";
import { formatWhen } from "@/lib/utils";
import { RunBadge } from "./run-badge";

const KIND: Record<string, string> = { PREVIEW: "Preview", APPLY: "Apply", OPERATION: "Command", VERIFY: "Verify", ATTEST: "Attestation", LOAD: "Performance test" };

/** Every run of the step, newest first; each opens to everything it saw. */
export function RunHistory({ runs }: { runs: RunListItem[] }) {
  if (runs.length === 0) return <p className="text-sm text-slate-600">No runs yet.</p>;
  return (
    <ol className="space-y-2 text-sm">
      {runs.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <RunBadge status={r.status} />
          <PageLink href={`/plan/runs/${r.id}`} className="font-medium text-brand-700 hover:underline">{KIND[r.kind] ?? r.kind}{r.operationId ? ` · ${r.operationId}` : ""}</PageLink>
          <span className="text-slate-600">{r.startedBy ?? "Daybook"}, {formatWhen(new Date(r.startedAt))}{r.durationMs !== null ? ` · ${(r.durationMs / 1000).toFixed(1)} s` : ""}</span>
          <span className="basis-full break-words text-slate-700">{r.summary}</span>
        </li>
      ))}
    </ol>
  );
}
