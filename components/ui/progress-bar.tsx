import { cn } from "@/lib/utils";

export function ProgressBar({ percent, label, size = "md" }: { percent: number; label: string; size?: "sm" | "md" }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
      className={cn("w-full overflow-hidden rounded-full bg-slate-200", size === "sm" ? "h-1.5" : "h-2.5")}
    >
      <div
        className={cn("h-full rounded-full transition-all", percent === 100 ? "bg-emerald-500" : "bg-brand-600")}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
