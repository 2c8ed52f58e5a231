"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { StepLoad } from "@/lib/data/load-tests";
import { mergeSeries, nextSecond, type LoadRunSummary } from "@/lib/load/view";

export const loadKey = (teamId: string, stepId: string) => ["load", teamId, stepId] as const;
export const historyKey = (teamId: string) => ["load-history", teamId] as const;

async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
  return (await res.json()) as T;
}

/**
 * The step's performance test from Daybook's database: every second while it runs (asking only for the
 * seconds the page lacks), every 15 s otherwise, so a reload, a teammate and the instructor see it go on.
 */
export function useStepLoad(teamId: string, stepId: string) {
  const client = useQueryClient();
  const key = loadKey(teamId, stepId);
  return useQuery({
    queryKey: key,
    queryFn: async () => {
      const had = client.getQueryData<StepLoad>(key)?.latest;
      const since = had?.status === "RUNNING" ? nextSecond(had.load) : 0;
      const next = await fetchJson<StepLoad>(`/api/teams/${encodeURIComponent(teamId)}/steps/${encodeURIComponent(stepId)}/load${since ? `?since=${since}` : ""}`);
      return since && had && next.latest?.id === had.id ? { ...next, latest: { ...next.latest, load: mergeSeries(had.load, next.latest.load, since) } } : next;
    },
    refetchInterval: (q) => (q.state.data?.latest?.status === "RUNNING" ? 1000 : 15_000),
    refetchOnWindowFocus: true,
  });
}

/** The team's finished performance tests, for comparisons; refreshed when a run ends. */
export function useLoadHistory(teamId: string) {
  return useQuery({
    queryKey: historyKey(teamId),
    queryFn: () => fetchJson<LoadRunSummary[]>(`/api/teams/${encodeURIComponent(teamId)}/load-history`),
    refetchInterval: 60_000,
  });
}
