"use client";

import { PageLink } from "@/components/layout/page-link";
import { cn } from "@/lib/utils";
import { BlockedBadge } from "./blocked-badge";
import { StepDots, type StepDot } from "./step-dots";

export type DayCard = { day: number; title: string; checklist: string; href: string; isNext: boolean; mark: "next" | "done" | { blocked: string } | null; steps: StepDot[] };

/**
 * A phase's days as cards. A client component for its payload, not for interaction: the page sends these few fields
 * per day instead of the rendered cards' element tree, which was a third of `/plan`'s response (docs/PERFORMANCE.md).
 */
export function DayCards({ cards }: { cards: DayCard[] }) {
  return (
    <ol className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
      {cards.map((card) => (
        <li key={card.day}>
          <PageLink
            href={card.href}
            className={cn(
              "flex h-full flex-col gap-2 rounded-xl border bg-white p-4 shadow-sm transition hover:border-brand-500 hover:shadow",
              card.isNext ? "border-brand-500 ring-2 ring-brand-100" : "border-slate-200",
            )}
          >
            <div className="flex flex-wrap items-center justify-between gap-1">
              <span className="text-xs font-semibold uppercase tracking-wide text-slate-600">{`Day ${card.day}`}</span>
              <DayMark mark={card.mark} />
            </div>
            <span className="font-medium leading-snug text-slate-900">{card.title}</span>
            <span className="text-xs text-slate-600">{card.checklist}</span>
            <div className="mt-auto pt-1">
              <StepDots dots={card.steps} />
            </div>
          </PageLink>
        </li>
      ))}
    </ol>
  );
}

function DayMark({ mark }: { mark: DayCard["mark"] }) {
  if (mark === "next") return <span className="text-xs font-medium text-brand-700">Up next</span>;
  if (mark === "done") return <span className="text-xs font-medium text-emerald-700">Done</span>;
  return mark ? <BlockedBadge label={mark.blocked} /> : null;
}

