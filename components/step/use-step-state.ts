"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { StepLiveState } from "@/lib/data/step-state";

export const stepStateKey = (teamId: string, stepId: string) => ["step-state", teamId, stepId] as const;
const REFRESH_MS = 5_000;

async function fetchStepState(teamId: string, stepId: string): Promise<StepLiveState> {
  const res = await fetch(`/api/teams/${encodeURIComponent(teamId)}/steps/${encodeURIComponent(stepId)}/state`, { cache: "no-store", redirect: "error" });
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
  return (await res.json()) as StepLiveState;
}

/**
 * The team's state for this step, refreshed in the background from a small JSON route: every 5 s while the
 * page is visible (TanStack Query pauses the interval in a hidden tab) and when the window regains focus.
 * `initial` is what the page rendered; a fresh render within 4 s needs no request.
 */
export function useStepState(teamId: string, stepId: string, initial?: StepLiveState) {
  return useQuery({
    queryKey: stepStateKey(teamId, stepId),
    queryFn: () => fetchStepState(teamId, stepId),
    initialData: initial,
    staleTime: REFRESH_MS - 1_000,
    refetchInterval: REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

/**
 * When a teammate saves the note (its version moves past `knownVersion`), re-render the page once for that
 * version, so the note and blocked flag arrive through the editor's own draft-keeping path.
 */
export function useRefreshOnNewNote(teamId: string, stepId: string, knownVersion: number) {
  const router = useRouter();
  // Only the note's version: the editor around this hook re-renders when it moves, not on every status change.
  const { data: latest } = useQuery({ queryKey: stepStateKey(teamId, stepId), queryFn: () => fetchStepState(teamId, stepId), select: (state) => state.note?.version, enabled: false });
  const refreshedFor = useRef(knownVersion);
  useEffect(() => {
    if (latest === undefined || latest <= knownVersion || latest <= refreshedFor.current) return;
    refreshedFor.current = latest;
    router.refresh();
  }, [latest, knownVersion, router]);
}
