"use client";

import { useQuery } from "@tanstack/react-query";
import type { LiveBoard } from "@/lib/data/live-board";

/** How often an open board asks for fresh data (one request of a few milliseconds; see docs/PERFORMANCE.md). */
export const BOARD_REFRESH_MS = 10_000;

async function fetchBoard(cohortId: string): Promise<LiveBoard> {
  const res = await fetch(`/api/cohorts/${encodeURIComponent(cohortId)}/board`, { cache: "no-store" });
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `The board could not be refreshed (HTTP ${res.status}).`);
  return (await res.json()) as LiveBoard;
}

/** The board, kept fresh while the page is open and visible; a tab in the background does not poll. */
export function useLiveBoard(initial: LiveBoard) {
  return useQuery({
    queryKey: ["board", initial.cohort.id],
    queryFn: () => fetchBoard(initial.cohort.id),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    refetchInterval: BOARD_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}
