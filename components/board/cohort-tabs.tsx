import { PageLink } from "@/components/layout/page-link";
import type { CohortSummary } from "@/lib/data/cohorts";
import { cn } from "@/lib/utils";

/** Cohort switcher; hidden when there is only one cohort. */
export function CohortTabs({ cohorts, selectedId, basePath }: { cohorts: CohortSummary[]; selectedId: string; basePath: string }) {
  if (cohorts.length < 2) return null;
  return (
    <nav aria-label="Cohorts" className="scroll-visible flex gap-1 rounded-xl border border-slate-200 bg-white p-1 shadow-sm">
      {cohorts.map((c) => (
        <PageLink
          key={c.id}
          href={`${basePath}?cohort=${c.id}`}
          aria-current={c.id === selectedId ? "page" : undefined}
          className={cn(
            "whitespace-nowrap rounded-lg px-3 py-1.5 text-sm font-medium",
            c.id === selectedId ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
          )}
        >
          {c.name}
          <span className="ml-1.5 text-xs tabular-nums text-slate-600">{c.teamCount}</span>
        </PageLink>
      ))}
    </nav>
  );
}
