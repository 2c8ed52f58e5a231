"use client";

import { useRef } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { StepEngine } from "@/lib/data/runs";

export const engineKey = (teamId: string, stepId: string) => ["engine", teamId, stepId] as const;

async function fetchEngine(teamId: string, stepId: string): Promise<StepEngine> {
  const res = await fetch(`/api/teams/${encodeURIComponent(teamId)}/steps/${encodeURIComponent(stepId)}/engine`, { cache: "no-store" });
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
  return (await res.json()) as StepEngine;
}

/**
 * The step's engine state, kept fresh from Daybook's own database (never the cluster): every second while a
 * run is going, every 15 s otherwise, so teammates and instructors see each other's runs without a reload.
 */
export function useEngine(teamId: string, stepId: string, initial: StepEngine) {
  return useQuery({
    queryKey: engineKey(teamId, stepId),
    queryFn: () => fetchEngine(teamId, stepId),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.active ? 1000 : 15_000),
    refetchOnWindowFocus: true,
  });
}

type ActionResult<T> = { ok: boolean; message?: string; data?: T };

/**
 * A server action that starts or changes something, then refreshes the engine state at once. The ref drops a
 * second click that lands before React re-renders the disabled button (the query's notifications arrive on a
 * later task): Next.js runs server actions one after another, so the second would start a second run.
 */
export function useEngineAction<I, T>(teamId: string, stepId: string, action: (input: I) => Promise<ActionResult<T>>) {
  const client = useQueryClient();
  const inFlight = useRef(false);
  const mutation = useMutation({
    mutationFn: async (input: I) => {
      const result = await action(input);
      if (!result.ok) throw new Error(result.message ?? "That did not work.");
      return result.data as T;
    },
    onSettled: () => client.invalidateQueries({ queryKey: engineKey(teamId, stepId) }),
  });
  const mutate = (input: I, options?: { onSettled?: () => unknown }) => {
    if (inFlight.current) return;
    inFlight.current = true;
    mutation.mutate(input, { onSettled: () => { inFlight.current = false; options?.onSettled?.(); } });
  };
  return { ...mutation, mutate };
}
