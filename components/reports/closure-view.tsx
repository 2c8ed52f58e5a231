import { LoadChart } from "@/components/perf/load-chart";
import { finalStatusText, formatDuration, solvedText, statusText, type ClosureReport } from "@/lib/reports/closure";
import { NO_TEST_TEXT, performanceStepTitle, RUN_STATUS_TEXT, TARGET_HEADER, targetCells, testTimeText, type PerformanceStep } from "@/lib/reports/performance";
import { formatWhen } from "@/lib/utils";

const when = (d: Date | null) => (d ? formatWhen(d) : "—");
const h2 = "text-sm font-semibold uppercase tracking-wide text-slate-600";

function Table({ head, rows, min = "36rem", headCase = "uppercase" }: { head: string[]; rows: (string | React.ReactNode)[][]; min?: string; headCase?: "uppercase" | "normal-case" }) {
  return (
    <div className="scroll-visible overflow-x-auto">
      <table className="w-full text-left text-sm" style={{ minWidth: min }}>
        <thead className={`bg-slate-50 text-xs tracking-wide text-slate-600 ${headCase}`}>
          <tr>{head.map((h) => <th key={h} className="px-3 py-2 font-semibold">{h}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j} className="px-3 py-1.5 align-top">{c}</td>)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}

function PerformanceStepView({ step: s }: { step: PerformanceStep }) {
  const t = s.test;
  return (
    <article className="space-y-2 rounded-lg border border-slate-200 p-3" aria-label={`Performance test of Step ${s.number}`}>
      <h3 className="text-sm font-semibold text-slate-900">{performanceStepTitle(s)}</h3>
      {!t ? <p className="text-sm text-slate-600">{NO_TEST_TEXT}</p> : (
        <>
          <p className={t.timeScale === 1 ? "text-sm text-slate-700" : "text-sm text-amber-900"}>Performance test {RUN_STATUS_TEXT[t.status] ?? t.status.toLowerCase()}, {formatWhen(t.startedAt)} to {when(t.finishedAt)}: {testTimeText(t)}.</p>
          {/* A measure per row and a target per column, as on the step page: the verdict and p95 stay in view on a phone. */}
          <Table head={["", ...t.targets.map((x) => x.label)]} rows={TARGET_HEADER.slice(1).map((measure, i) => [measure, ...t.targets.map((x) => targetCells(x)[i + 1]!)])} min="0" headCase="normal-case" />
          {t.targets.filter((x) => x.problem).map((x) => <p key={x.checkId} className="text-sm text-rose-800">{x.label}: {x.problem}</p>)}
          <div className="grid gap-4 lg:grid-cols-2">
            {t.targets.filter((x) => !x.problem).map((x) => (
              <div key={x.checkId}>
                <p className="text-xs font-medium text-slate-800">{x.label}</p>
                <LoadChart series={x.chart} label={x.label} plannedSeconds={Math.max(1, Math.round(x.durationSeconds * t.timeScale))} caption={x.chart.some((p) => (p.ms ?? 1000) > 1000) ? "Requests per second and latency (p50, p95); each point merges a few seconds and shows their highest latency." : undefined} />
              </div>
            ))}
          </div>
        </>
      )}
    </article>
  );
}

/** The closure report on the page: the same sections as the Markdown and PDF downloads. */
export function ClosureView({ report: r, lessonsEditor }: { report: ClosureReport; lessonsEditor?: React.ReactNode }) {
  return (
    <div className="space-y-6" data-team={r.team.id}>
      <section className="space-y-3">
        <p className="text-sm text-slate-800"><strong>Final status:</strong> {finalStatusText(r.overall)}</p>
        <ul className="space-y-2" aria-label="Steps done per phase">
          {r.phases.map((p) => (
            <li key={p.number} className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1 text-sm sm:grid-cols-[minmax(0,15rem)_1fr_auto]">
              <span className="col-span-2 sm:col-span-1">{p.number}. {p.title}</span>
              <span className="h-2.5 overflow-hidden rounded-full bg-slate-200" role="img" aria-label={`${p.done} of ${p.total} steps done`}>
                <span className={p.state === "complete" ? "block h-full bg-emerald-600" : "block h-full bg-brand-600"} style={{ width: `${(100 * p.done) / p.total}%` }} />
              </span>
              <span className="tabular-nums text-slate-600">{p.done}/{p.total}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="space-y-2">
        <h2 className={h2}>Status per phase</h2>
        <Table head={["Phase", "Days", "Done", "Status", "Started", "Completed"]} rows={r.phases.map((p) => [`${p.number}. ${p.title}`, `${p.days[0]}–${p.days[p.days.length - 1]}`, `${p.done}/${p.total}`, p.state, when(p.firstActivity), when(p.completedAt)])} />
      </section>

      <section className="space-y-2">
        <h2 className={h2}>Sign-offs (Step 20.2)</h2>
        {r.signoffs.length ? (
          <Table head={["Role", "Signed by", "When", "Comment", "Evidence SHA-256"]} rows={r.signoffs.map((s) => [`${s.role}${s.stale ? " (stale)" : ""}${r.reopenings.length ? `, round ${s.round}` : ""}`, s.signer, formatWhen(s.signedAt), s.comment || "—", <span key="h" className="break-all font-mono text-xs">{s.evidenceSha256}</span>])} />
        ) : <p className="text-sm text-slate-600">Nobody has signed off yet.</p>}
      </section>

      <section className="space-y-2">
        <h2 className={h2}>Lessons learned</h2>
        {lessonsEditor ?? (r.lessons.text.trim() ? <p className="whitespace-pre-wrap text-sm text-slate-800">{r.lessons.text}</p> : <p className="text-sm text-slate-600">The team has not written its lessons learned yet.</p>)}
      </section>

      <section className="space-y-2">
        <h2 className={h2}>Blockers and how they were solved</h2>
        {r.blockers === null ? <p className="text-sm text-slate-600">Blockers are shown to the team and its instructor only.</p>
          : r.blockers.length ? <Table head={["Step", "Raised", "Reason", "Cleared", "How it was solved"]} rows={r.blockers.map((b) => [`${b.number} ${b.title}`, when(b.raisedAt), b.reason, when(b.clearedAt), solvedText(b, formatWhen)])} min="44rem" />
          : <p className="text-sm text-slate-600">The team reported no blockers.</p>}
      </section>

      <section className="space-y-2">
        <h2 className={h2}>Performance results</h2>
        <p className="text-sm text-slate-600">The latest finished performance test of each step that has one.</p>
        {r.performance.map((s) => <PerformanceStepView key={s.stepId} step={s} />)}
      </section>

      <section className="space-y-2">
        <h2 className={h2}>Run statistics</h2>
        <p className="text-sm text-slate-700">{r.totals.runs} runs in all ({Object.entries(r.totals.byKind).map(([k, n]) => `${n} ${k.toLowerCase()}`).join(", ") || "none"}). Median time from first try to verified: {r.totals.medianToVerifiedMs === null ? "—" : formatDuration(r.totals.medianToVerifiedMs)}.</p>
        <details className="rounded-lg border border-slate-200">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-brand-700">Per step ({r.stats.length})</summary>
          <Table head={["Step", "Status", "Attempts", "First try", "Verified", "Took"]} rows={r.stats.map((s) => [`${s.number} ${s.title}`, statusText(s), String(s.attempts), when(s.firstTry), when(s.verifiedAt), s.toVerifiedMs === null ? "—" : formatDuration(s.toVerifiedMs)])} />
        </details>
      </section>

      <section className="space-y-2">
        <h2 className={h2}>Timeline</h2>
        {r.timeline.length ? (
          <details className="rounded-lg border border-slate-200">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-brand-700">{r.timeline.length} entries, {formatWhen(r.timeline[0]!.at)} to {formatWhen(r.timeline[r.timeline.length - 1]!.at)}</summary>
            <ol className="divide-y divide-slate-100 text-sm">
              {r.timeline.map((t, i) => <li key={i} className="flex gap-3 px-3 py-1.5"><span className="w-44 shrink-0 text-slate-600">{formatWhen(t.at)}</span><span>{t.text}</span></li>)}
            </ol>
          </details>
        ) : <p className="text-sm text-slate-600">Nothing recorded yet.</p>}
      </section>
    </div>
  );
}
