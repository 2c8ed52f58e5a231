import type { Course } from "@/lib/course/schema";

/** The guide's pre-execution checklist and how-to-use notes, folded away once read. */
export function BeforeYouStart({ course }: { course: Course }) {
  const lists = [
    { title: "Prerequisites", items: course.prerequisites },
    { title: "Required knowledge", items: course.requiredKnowledge },
    { title: "How to use this guide", items: course.howToUse },
  ];
  return (
    <details className="group rounded-xl border border-slate-200 bg-white shadow-sm">
      <summary className="cursor-pointer list-none rounded-xl px-5 py-4 font-medium text-slate-800 hover:bg-slate-50">
        <span className="mr-2 inline-block transition group-open:rotate-90" aria-hidden>▸</span>
        Before you start: pre-execution checklist
      </summary>
      <div className="grid gap-6 border-t border-slate-200 px-5 py-4 md:grid-cols-3">
        {lists.map((list) => (
          <div key={list.title}>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{list.title}</h3>
            <ul className="mt-2 space-y-1.5 text-sm">
              {list.items.map((entry) => (
                <li key={entry.item}>
                  <span className="font-medium text-slate-800">{entry.item}</span>
                  <span className="text-slate-600"> — {entry.detail}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </details>
  );
}
