import type { Course } from "@/lib/course/schema";
import { allSteps } from "@/lib/course/load";
import type { Evidence } from "@/lib/signoff/evidence";
import { STATUS_LABEL, type StepStatus } from "@/lib/progress/compute";
import { formatWhen } from "@/lib/utils";

/** What the sign-off hash covers, step by step, and the attestations. */
export function EvidenceTable({ course, evidence, people }: { course: Course; evidence: Evidence; people: Map<string, string> }) {
  const titles = new Map(allSteps(course).map((s) => [s.id, s.title]));
  const verified = evidence.document.steps.filter((s) => s.verification).length;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        SHA-256 of the canonical evidence (sorted-key JSON, no whitespace): <span className="break-all font-mono text-slate-900" data-testid="evidence-hash">{evidence.sha256}</span>
      </p>
      <p className="text-sm text-slate-600">
        It covers, for each of the {evidence.document.steps.length} steps, its status and its latest passing verification (run, finish time, every check&apos;s outcome; {verified} steps have one), and all {evidence.document.attestations.length} attestations with who gave them and when. Names and titles are not part of it, so renaming a person or the team changes nothing.
      </p>
      <details className="rounded-lg border border-slate-200">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-brand-700">Steps and runs ({evidence.document.steps.length})</summary>
        <div className="scroll-visible overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr><th className="px-3 py-2">Step</th><th className="px-3 py-2">Status</th><th className="px-3 py-2">Latest passing verification</th><th className="px-3 py-2">Checks</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {evidence.document.steps.map((s) => (
                <tr key={s.stepId}>
                  <td className="px-3 py-1.5">{s.number} {titles.get(s.stepId)}</td>
                  <td className="px-3 py-1.5">{STATUS_LABEL[s.status as StepStatus] ?? s.status}</td>
                  <td className="px-3 py-1.5">{s.verification ? <><span className="font-mono text-xs">{s.verification.id.slice(0, 10)}</span> · {formatWhen(new Date(s.verification.finishedAt))}</> : "—"}</td>
                  <td className="px-3 py-1.5">
                    {s.verification ? `${s.verification.checks.filter((c) => c.status === "pass").length}/${s.verification.checks.length} passed` : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <details className="rounded-lg border border-slate-200">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-brand-700">Attestations ({evidence.document.attestations.length})</summary>
        <ul className="divide-y divide-slate-100 text-sm">
          {evidence.document.attestations.map((a) => (
            <li key={`${a.runId}:${a.checkId}`} className="px-3 py-1.5">
              Step {evidence.document.steps.find((s) => s.stepId === a.stepId)?.number}: <span className="font-mono text-xs">{a.checkId}</span> by {a.by ? (people.get(a.by) ?? "a former member") : "—"}, {formatWhen(new Date(a.at))}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
