import { PageLink } from "@/components/layout/page-link";
import type { Course } from "@/lib/course/schema";
import { dayOfStep, findStep } from "@/lib/course/load";
import { stepHref } from "@/lib/utils";

export function NextStepCard({ course, stepId, teamId }: { course: Course; stepId: string | null; teamId?: string }) {
  if (!stepId) {
    return (
      <div className="rounded-xl border border-emerald-200 bg-emerald-50 p-5">
        <p className="text-sm font-medium text-emerald-800">All 40 steps are done.</p>
        <p className="mt-1 text-sm text-emerald-900">Day 20 sign-off is the last word: check with your stakeholders.</p>
      </div>
    );
  }
  const step = findStep(course, stepId)!;
  const day = dayOfStep(course, stepId)!;
  return (
    <div className="flex flex-col gap-4 rounded-xl bg-gradient-to-r from-brand-700 to-brand-500 p-5 text-white shadow-sm sm:flex-row sm:items-center sm:justify-between">
      <div>
        <p className="text-xs font-semibold uppercase tracking-wide text-brand-100">Next up · Day {day.day}</p>
        <p className="mt-1 text-lg font-semibold">
          Step {step.number}: {step.title}
        </p>
        <p className="mt-0.5 text-sm text-brand-100">{step.objective}</p>
      </div>
      <PageLink href={stepHref(step.id, teamId)} className="shrink-0 rounded-lg bg-white px-4 py-2 text-center text-sm font-semibold text-brand-700 hover:bg-brand-50">
        {teamId ? "Open step" : "Continue"}
      </PageLink>
    </div>
  );
}
