import type { Check } from "@/lib/course/schema";
import { Card } from "@/components/ui/card";

/** What "done" means for this step, as the automated checks describe it. */
export function CheckList({ checks }: { checks: Check[] }) {
  const automated = checks.filter((c) => c.kind !== "manual");
  const manual = checks.filter((c) => c.kind === "manual");
  return (
    <Card className="p-5">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">How this step is verified</h2>
      <ul className="mt-2 space-y-2 text-sm">
        {automated.map((check) => (
          <li key={check.id} className="flex gap-2">
            <span aria-hidden className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-brand-500" />
            <span>
              {check.title}
              <span className="block font-mono text-xs text-slate-600">{check.kind}</span>
            </span>
          </li>
        ))}
        {manual.map((check) => (
          <li key={check.id} className="flex gap-2">
            <span aria-hidden className="mt-1.5 h-2 w-2 shrink-0 rounded-full border border-slate-400" />
            <span>
              {check.title} <span className="text-xs text-slate-600">(confirmed by the team)</span>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
