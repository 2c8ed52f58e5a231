import { STATUS_LABEL, type StepStatus } from "@/lib/progress/compute";
import { cn } from "@/lib/utils";

const STYLE: Record<StepStatus, string> = {
  NOT_STARTED: "bg-slate-100 text-slate-700 ring-slate-200",
  IN_PROGRESS: "bg-amber-50 text-amber-800 ring-amber-200",
  DONE_MANUAL: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  VERIFIED: "bg-emerald-700 text-white ring-emerald-700",
  REGRESSED: "bg-rose-50 text-rose-800 ring-rose-200",
  FAILED: "bg-orange-50 text-orange-900 ring-orange-200",
  ATTESTED: "bg-sky-50 text-sky-900 ring-sky-300",
};

export function StatusBadge({ status }: { status: StepStatus }) {
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", STYLE[status])}>
      {STATUS_LABEL[status]}
    </span>
  );
}

export const STATUS_CELL: Record<StepStatus, string> = {
  NOT_STARTED: "bg-slate-100",
  IN_PROGRESS: "bg-amber-300",
  DONE_MANUAL: "bg-emerald-300",
  VERIFIED: "bg-emerald-600",
  REGRESSED: "bg-rose-500",
  FAILED: "bg-orange-400",
  ATTESTED: "bg-sky-500",
};
