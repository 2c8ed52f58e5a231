import type { PhaseProgress } from "@/lib/data/overview";
import { cn } from "@/lib/utils";

/** Each phase's done steps, with a mark where the calendar says the team should be by the end of today. */
export function PhaseProgressList({ teamName, phases, calendar }: { teamName: string; phases: PhaseProgress[]; calendar: boolean }) {
  return (
    <ul className="space-y-2 text-sm">
      {phases.map((p) => {
        const percent = p.total ? Math.round((p.done / p.total) * 100) : 0;
        const expected = p.total ? Math.round((p.expected / p.total) * 100) : 0;
        return (
          <li key={p.number}>
            <div className="flex justify-between gap-2 text-slate-700">
              <span className="min-w-0 truncate" title={p.title}>
                Phase {p.number} · {p.title}
              </span>
              <span className="shrink-0 tabular-nums text-slate-600">
                {p.done}/{p.total}
                {calendar ? <span className="sr-only">, {p.expected} expected by today</span> : null}
                {p.behind ? <span className="ml-1.5 font-semibold text-rose-800">behind</span> : null}
              </span>
            </div>
            <div
              role="progressbar"
              aria-label={`${teamName} phase ${p.number}: ${p.done} of ${p.total} steps${calendar ? `, ${p.expected} expected by today` : ""}`}
              aria-valuenow={percent}
              aria-valuemin={0}
              aria-valuemax={100}
              className="relative mt-1 h-2 w-full rounded-full bg-slate-200"
            >
              <div className={cn("h-full rounded-full", p.behind ? "bg-rose-600" : percent === 100 ? "bg-emerald-600" : "bg-brand-600")} style={{ width: `${percent}%` }} />
              {calendar && p.expected > 0 ? <div aria-hidden className="absolute -top-1 h-4 w-0.5 bg-slate-900" style={{ left: `calc(${expected}% - 1px)` }} title="Expected by today" /> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
