import type { AuditEventView } from "@/lib/audit/overview";
import type { ChainReport } from "@/lib/audit/verify";
import { formatWhen } from "@/lib/utils";

export function ChainStatus({ report }: { report: ChainReport }) {
  if (report.ok) {
    return (
      <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-950" data-testid="audit-status">
        <p className="font-semibold">✓ The audit chain verifies: {report.events} events, each linked to the one before by its SHA-256.</p>
        <p className="mt-1 break-all font-mono text-xs">head #{report.head.seq} {report.head.hash}</p>
      </div>
    );
  }
  return (
    <div role="alert" className="rounded-lg border border-rose-300 bg-rose-50 px-4 py-3 text-sm text-rose-950" data-testid="audit-status">
      <p className="font-semibold">✗ The audit chain is broken at event #{report.broken.seq} ({report.broken.kind}).</p>
      <p className="mt-1">{report.broken.message}</p>
      <p className="mt-1 text-xs">{report.events} events before it verified.</p>
    </div>
  );
}

export function AuditEvents({ cohortId, events }: { cohortId: string; events: AuditEventView[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No events for this cohort yet.</p>;
  return (
    <div className="scroll-visible overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm" data-cohort={cohortId}>
      <table className="w-full min-w-[48rem] text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr><th className="px-3 py-2">#</th><th className="px-3 py-2">When</th><th className="px-3 py-2">Event</th><th className="px-3 py-2">By</th><th className="px-3 py-2">Team</th><th className="px-3 py-2">Details</th><th className="px-3 py-2">Hash</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((e) => (
            <tr key={e.seq}>
              <td className="px-3 py-1.5 tabular-nums">{e.seq}</td>
              <td className="whitespace-nowrap px-3 py-1.5">{formatWhen(e.at)}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{e.type}</td>
              <td className="px-3 py-1.5">{e.actor ?? "Daybook"}</td>
              <td className="px-3 py-1.5">{e.team ?? "—"}</td>
              <td className="max-w-[22rem] truncate px-3 py-1.5 font-mono text-xs" title={e.data}>{e.subject ? `${e.subject} ` : ""}{e.data}</td>
              <td className="px-3 py-1.5 font-mono text-xs" title={e.hash}>{e.hash.slice(0, 10)}…</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
