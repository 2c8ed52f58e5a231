import { STATUS_CELL } from "@/components/ui/status-badge";
import { STATUS_LABEL, STEP_STATUSES } from "@/lib/progress/compute";
import { cn } from "@/lib/utils";

export function StatusLegend({ showBlocked = false }: { showBlocked?: boolean }) {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-slate-600">
      {STEP_STATUSES.map((status) => (
        <li key={status} className="flex items-center gap-1.5">
          <span aria-hidden className={cn("h-3 w-3 rounded-sm ring-1 ring-inset ring-black/10", STATUS_CELL[status])} />
          {STATUS_LABEL[status]}
        </li>
      ))}
      {showBlocked ? (
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-3 w-3 rounded-sm bg-white ring-2 ring-inset ring-rose-600" />
          Blocked
        </li>
      ) : null}
    </ul>
  );
}
