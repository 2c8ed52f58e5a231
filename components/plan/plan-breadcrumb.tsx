import { PageLink } from "@/components/layout/page-link";

/** "Plan / …": keeps the ?team= of a read-only viewer on the way back. */
export function PlanBreadcrumb({ teamId, children }: { teamId?: string; children: React.ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
      <PageLink href={teamId ? `/plan?team=${teamId}` : "/plan"} className="hover:underline">
        Plan
      </PageLink>
      <span className="px-1.5">/</span>
      {children}
    </nav>
  );
}
