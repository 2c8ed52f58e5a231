"use client";

import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { filterQuery, parseFilter, shownDays, shownTeams, type BoardFilter } from "@/lib/board/filter";
import type { LiveBoard as LiveBoardData } from "@/lib/data/live-board";
import { Card } from "@/components/ui/card";
import { BoardFilters } from "./board-filters";
import { BoardGrid } from "./board-grid";
import { BoardLegend } from "./board-legend";
import type { BoardOutline } from "./outline";
import { useLiveBoard } from "./use-live-board";

type Props = { outline: BoardOutline; initial: LiveBoardData; filters?: boolean; teamBase: string; empty: React.ReactNode };

const time = new Intl.DateTimeFormat("en", { timeStyle: "medium" });

/** The cohort board, live while the page is open: it polls Daybook's JSON route, never a cluster. */
export function LiveBoard({ outline, initial, filters = false, teamBase, empty }: Props) {
  const { data, error, dataUpdatedAt } = useLiveBoard(initial);
  const params = useSearchParams();
  const [filter, setFilterState] = useState<BoardFilter>(() => parseFilter(params, outline.days));
  const setFilter = (next: BoardFilter) => {
    setFilterState(next);
    const q = filterQuery(next);
    window.history.replaceState(null, "", `${window.location.pathname}${q ? `?${q}` : ""}${keepCohort(q)}`);
  };
  const days = shownDays(outline.days, filter);
  const teams = shownTeams(data.teams, outline.days, filter);
  return (
    <Card className="p-4 sm:p-5 xl:relative xl:left-1/2 xl:w-[calc(100vw-2rem)] xl:max-w-[1500px] xl:-translate-x-1/2">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Board</h2>
          <p className="text-sm text-slate-600">
            Every team&apos;s 40 steps, day by day. Open a cell for that step, a team for its overview.
          </p>
        </div>
        <p className="text-xs text-slate-600" data-testid="board-freshness">
          {error ? <span className="text-rose-700">Could not refresh ({error.message}); trying again.</span> : <>Live · updated {time.format(dataUpdatedAt)}</>}
        </p>
      </div>
      {filters ? <BoardFilters outline={outline} filter={filter} onChange={setFilter} /> : null}
      <div className="my-3">
        <BoardLegend comments={data.may.comments} pace={data.today !== null} />
      </div>
      {data.teams.length === 0 ? (
        empty
      ) : teams.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">No team matches these filters.</p>
      ) : (
        <BoardGrid outline={outline} teams={teams} days={days} state={filter.state} dayPercent={data.dayPercent} caption={`${data.cohort.name}: step status per team`} teamHref={(id) => `${teamBase}/${id}`} />
      )}
      {data.teams.length > 0 && days.length > 4 ? <p className="mt-2 text-xs text-slate-600 md:hidden">Swipe the grid sideways, or pick a day above.</p> : null}
    </Card>
  );
}

// The instructor's ?cohort= stays in the address while filters change.
function keepCohort(query: string): string {
  const cohort = new URLSearchParams(window.location.search).get("cohort");
  return cohort ? `${query ? "&" : "?"}cohort=${encodeURIComponent(cohort)}` : "";
}
