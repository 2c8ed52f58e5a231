import type { Course } from "@/lib/course/schema";
import { preExecutionChecklist } from "@/lib/course/checklist";
import type { ChecklistTick } from "@/lib/data/checklist";
import { formatWhen } from "@/lib/utils";
import { ChecklistBox } from "./checklist-box";

type Props = { course: Course; ticks: ReadonlyMap<string, ChecklistTick>; teamId?: string; canWrite: boolean };

/** The guide's pre-execution checklist, ticked per team, and its how-to-use notes, folded away once done. */
export function BeforeYouStart({ course, ticks, teamId, canWrite }: Props) {
  const items = preExecutionChecklist(course);
  const done = items.filter((i) => ticks.has(i.key)).length;
  const groups = [...new Set(items.map((i) => i.group))];
  return (
    <details className="group rounded-xl border border-slate-200 bg-white shadow-sm">
      <summary className="flex cursor-pointer list-none flex-wrap items-center justify-between gap-2 rounded-xl px-5 py-4 font-medium text-slate-800 hover:bg-slate-50">
        <span>
          <span className="mr-2 inline-block transition group-open:rotate-90" aria-hidden>▸</span>
          Before you start: pre-execution checklist
        </span>
        {teamId ? <span className="text-sm font-normal text-slate-600">{done} of {items.length} ticked</span> : null}
      </summary>
      <div className="grid gap-6 border-t border-slate-200 px-5 py-4 md:grid-cols-3">
        {groups.map((group) => (
          <div key={group}>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{group}</h3>
            <ul className="mt-2 space-y-2 text-sm">
              {items
                .filter((i) => i.group === group)
                .map((i) => {
                  const tick = ticks.get(i.key);
                  const label = `${i.item} — ${i.detail}`;
                  const note = tick ? `Ticked by ${tick.checkedBy}, ${formatWhen(tick.checkedAt)}` : undefined;
                  return (
                    <li key={i.key}>
                      {teamId && canWrite ? (
                        <ChecklistBox teamId={teamId} itemKey={i.key} label={label} checked={Boolean(tick)} note={note} />
                      ) : (
                        <span className="flex items-start gap-2">
                          <span aria-hidden className={tick ? "text-emerald-700" : "text-slate-400"}>{tick ? "✓" : "○"}</span>
                          <span>
                            {label}
                            {teamId ? <span className="sr-only">{tick ? " (ticked)" : " (not ticked)"}</span> : null}
                            {note ? <span className="block text-xs text-slate-600">{note}</span> : null}
                          </span>
                        </span>
                      )}
                    </li>
                  );
                })}
            </ul>
          </div>
        ))}
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">How to use this guide</h3>
          <ul className="mt-2 space-y-1.5 text-sm">
            {course.howToUse.map((entry) => (
              <li key={entry.item}>
                <span className="font-medium text-slate-800">{entry.item}</span>
                <span className="text-slate-600"> — {entry.detail}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </details>
  );
}
