import type { Overview } from "@/lib/data/overview";

/** Says plainly when no team has a performance result yet, and where the results come from. */
export function PerformanceNote({ overview }: { overview: Overview }) {
  if (overview.teams.some((t) => t.performance.length > 0)) return null;
  const steps = overview.performanceSteps.map((s) => s.number);
  return (
    <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700" data-testid="performance-note">
      <strong className="font-medium">No performance test has run yet.</strong> The load tests are part of Steps {steps.slice(0, -1).join(", ")} and {steps.at(-1)}; a team starts one with “Run performance test” on the step page, and its result shows here once the test has judged the step.
    </p>
  );
}
