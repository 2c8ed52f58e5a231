import type { Step } from "@/lib/course/schema";
import { STATUS_CELL } from "@/components/ui/status-badge";
import { STATUS_LABEL, type StepStatus } from "@/lib/progress/compute";
import { cn } from "@/lib/utils";

export function StepDots({ steps, statuses }: { steps: Step[]; statuses: ReadonlyMap<string, StepStatus> }) {
  return (
    <ul className="flex gap-1" aria-label="Step statuses">
      {steps.map((step) => {
        const status = statuses.get(step.id) ?? "NOT_STARTED";
        return (
          <li key={step.id} title={`Step ${step.number}: ${STATUS_LABEL[status]}`} className={cn("h-2 w-6 rounded-full", STATUS_CELL[status])}>
            <span className="sr-only">
              Step {step.number}: {STATUS_LABEL[status]}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
