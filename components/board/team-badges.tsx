import type { Pace } from "@/lib/calendar/course-calendar";
import type { LiveTeam } from "@/lib/data/live-board";
import { cn } from "@/lib/utils";

const PACE: Record<Pace, { label: string; glyph: string; className: string }> = {
  behind: { label: "Behind", glyph: "▼", className: "bg-rose-50 text-rose-800 ring-rose-200" },
  on_track: { label: "On track", glyph: "●", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  ahead: { label: "Ahead", glyph: "▲", className: "bg-sky-50 text-sky-900 ring-sky-200" },
};

/** On track, behind or ahead by the course calendar, in words (compact: a glyph, with the words for screen readers and on hover). */
export function PaceBadge({ pace, compact = false }: { pace: Pace; compact?: boolean }) {
  const p = PACE[pace];
  return (
    <span title={p.label} className={cn("inline-flex shrink-0 items-center gap-1 rounded-full px-1.5 text-[10px] font-semibold ring-1 ring-inset", p.className)}>
      <span aria-hidden>{p.glyph}</span>
      <span className={compact ? "sr-only" : undefined}>{p.label}</span>
    </span>
  );
}

export const stuckWords = (stuck: NonNullable<LiveTeam["stuck"]>) =>
  stuck.reason === "blocked" ? `Stuck: blocked on ${stuck.steps} ${stuck.steps === 1 ? "step" : "steps"}` : `Stuck: no progress for ${stuck.hours} working hours`;

export function StuckBadge({ stuck, compact = false }: { stuck: NonNullable<LiveTeam["stuck"]>; compact?: boolean }) {
  const words = stuckWords(stuck);
  return (
    <span title={words} className="inline-flex shrink-0 items-center gap-1 rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-950" data-testid="stuck-badge">
      <span aria-hidden>⚠</span>
      <span className={compact ? "sr-only" : undefined}>{words}</span>
    </span>
  );
}
