import type { Overview } from "@/lib/data/overview";

/** Says plainly when no team has a performance result yet, and where the tests will come from. */
export function PerformanceNote({ overview }: { overview: Overview }) {
  if (overview.teams.some((t) => t.performance.length > 0)) return null;
  const steps = overview.performanceSteps.map((s) => s.number);
  return (
    <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700" data-testid="performance-note">
      <strong className="font-medium">No performance test has run yet.</strong> The load tests are part of Steps {steps.slice(0, -1).join(", ")} and {steps.at(-1)}; Daybook runs them on a background job queue that is not built yet, so until then their checks say “not run yet” and no result is shown.
    </p>
  );
}
