import type { Substep } from "@/lib/course/schema";
import { CommandBlock } from "./command-block";
import { InlineCode } from "./inline-code";

export function SubstepItem({ substep, index }: { substep: Substep; index: number }) {
  return (
    <li className="relative min-w-0 pl-10 [overflow-wrap:anywhere]">
      <span className="absolute left-0 top-0 flex h-7 w-7 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700 ring-1 ring-brand-100">
        {index + 1}
      </span>
      <h3 className="font-medium leading-7 text-slate-900">{substep.title}</h3>
      <div className="mt-2 space-y-3">
        {substep.commands.length > 0 ? <CommandBlock commands={substep.commands} language={substep.language} /> : null}
        {substep.actions.length > 0 ? (
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            {substep.actions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        ) : null}
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          {(
            [
              ["Purpose", substep.purpose],
              ["Expected output", substep.expected],
              ["Verification", substep.verification],
            ] as const
          ).map(([term, text]) => (
            <div key={term} className="rounded-lg border border-slate-200 bg-slate-50 p-3">
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{term}</dt>
              <dd className="mt-1 text-slate-800">
                <InlineCode text={text} />
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </li>
  );
}
