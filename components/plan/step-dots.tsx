import { STATUS_CELL } from "@/components/ui/status-badge";
import { STATUS_LABEL, type StepStatus } from "@/lib/progress/compute";
import { cn } from "@/lib/utils";

export type StepDot = { id: string; number: string; status: StepStatus };

export function StepDots({ dots }: { dots: StepDot[] }) {
  return (
    <ul className="flex gap-1" aria-label="Step statuses">
      {dots.map((dot) => {
        const label = `Step ${dot.number}: ${STATUS_LABEL[dot.status]}`;
        return (
          <li key={dot.id} title={label} className={cn("h-2 w-6 rounded-full", STATUS_CELL[dot.status])}>
            <span className="sr-only">{label}</span>
          </li>
        );
      })}
    </ul>
  );
}
