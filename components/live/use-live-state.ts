"use client";

import { useEffect, useState } from "react";
import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import type { LiveSnapshot } from "@/lib/live/types";

export const liveKey = (teamId: string, stepId: string) => ["live", teamId, stepId] as const;

export type LiveConnection = "connecting" | "open" | "paused" | "closed";

/**
 * The step's live state, pushed by the server (server-sent events) into the query cache, so the page has one
 * source of truth. The stream is open only while the page is visible: a hidden tab costs the cluster nothing.
 */
export function useLiveState(teamId: string, stepId: string) {
  const client = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection>("connecting");

  useEffect(() => {
    const url = `/api/teams/${encodeURIComponent(teamId)}/steps/${encodeURIComponent(stepId)}/live`;
    let source: EventSource | undefined;
    const open = () => {
      if (source) return;
      const s = new EventSource(url);
      source = s;
      setConnection("connecting");
      s.addEventListener("snapshot", (e) => {
        client.setQueryData(liveKey(teamId, stepId), JSON.parse((e as MessageEvent<string>).data) as LiveSnapshot);
        setConnection("open");
      });
      // EventSource reconnects by itself after a network error, and gives up (CLOSED) on an HTTP error.
      s.onerror = () => setConnection(s.readyState === EventSource.CLOSED ? "closed" : "connecting");
    };
    const close = () => {
      source?.close();
      source = undefined;
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") open();
      else {
        close();
        setConnection("paused");
      }
    };
    onVisibility();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      close();
    };
  }, [client, teamId, stepId]);

  const { data } = useQuery<LiveSnapshot>({ queryKey: liveKey(teamId, stepId), queryFn: skipToken, staleTime: Infinity });
  return { snapshot: data, connection };
}
