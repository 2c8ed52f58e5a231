import { cn } from "@/lib/utils";

const STYLE: Record<string, { label: string; className: string }> = {
  RUNNING: { label: "Running", className: "bg-sky-50 text-sky-900 ring-sky-300" },
  PASSED: { label: "Passed", className: "bg-emerald-50 text-emerald-900 ring-emerald-300" },
  FAILED: { label: "Failed", className: "bg-rose-50 text-rose-900 ring-rose-300" },
  ERROR: { label: "Could not run", className: "bg-amber-50 text-amber-900 ring-amber-300" },
  INTERRUPTED: { label: "Interrupted", className: "bg-slate-100 text-slate-800 ring-slate-300" },
  CANCELLED: { label: "Cancelled", className: "bg-slate-100 text-slate-800 ring-slate-300" },
  pass: { label: "Pass", className: "bg-emerald-50 text-emerald-900 ring-emerald-300" },
  fail: { label: "Fail", className: "bg-rose-50 text-rose-900 ring-rose-300" },
  error: { label: "Could not run", className: "bg-amber-50 text-amber-900 ring-amber-300" },
  inconclusive: { label: "Can't decide", className: "bg-violet-50 text-violet-900 ring-violet-300" },
};

const ICON: Record<string, string> = { PASSED: "✓", pass: "✓", FAILED: "✗", fail: "✗", ERROR: "!", error: "!", inconclusive: "?", RUNNING: "…" };

/** A run's or a check's outcome, in words and a symbol, never colour alone. */
export function RunBadge({ status, className }: { status: string; className?: string }) {
  const s = STYLE[status] ?? { label: status, className: "bg-slate-100 text-slate-800 ring-slate-300" };
  return (
    <span className={cn("inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset", s.className, className)}>
      {ICON[status] ? <span aria-hidden>{ICON[status]}</span> : null}
      {s.label}
    </span>
  );
}
