"use client";

import { Card } from "@/components/ui/card";
import { RunBadge } from "@/components/runs/run-badge";
import { liveSummary } from "@/lib/live/summary";
import type { LiveCheck } from "@/lib/live/types";
import { cn } from "@/lib/utils";
import { useLiveState, type LiveConnection } from "./use-live-state";

const TONE = {
  pass: "border-emerald-300 bg-emerald-50 text-emerald-950",
  partial: "border-sky-300 bg-sky-50 text-sky-950",
  fail: "border-slate-300 bg-slate-50 text-slate-900",
  unknown: "border-slate-300 bg-slate-50 text-slate-900",
};

const CONNECTION: Record<LiveConnection, string> = {
  connecting: "Connecting to the cluster…",
  open: "Following the cluster as it changes",
  paused: "Paused while this tab is hidden",
  closed: "Live state is not available (reload the page to try again)",
};

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

function LiveCheckItem({ check }: { check: LiveCheck }) {
  return (
    <li className="flex flex-wrap items-start gap-x-2 gap-y-1 py-2">
      {check.state === "verify" ? (
        <span className="inline-flex shrink-0 items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800 ring-1 ring-inset ring-slate-300">Checked when you verify</span>
      ) : (
        <RunBadge status={check.state} />
      )}
      <div className="min-w-0 flex-1 basis-48">
        <p className="text-sm font-medium text-slate-900">{check.title}</p>
        <p className="break-words text-sm text-slate-700">{check.actual}</p>
      </div>
    </li>
  );
}

/** The step's checks as the cluster is right now, without a click: live, never stored, not evidence. */
export function LiveState({ teamId, stepId }: { teamId: string; stepId: string }) {
  const { snapshot, connection } = useLiveState(teamId, stepId);
  const summary = snapshot && snapshot.checks.length > 0 ? liveSummary(snapshot) : undefined;
  return (
    <section aria-labelledby="live-state-heading">
      <Card className="space-y-3 p-5 sm:p-6">
        <header className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
          <h2 id="live-state-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600">Live from your cluster</h2>
          <span className="text-xs text-slate-600">
            {CONNECTION[connection]}
            {snapshot && connection === "open" ? ` · read at ${time(snapshot.at)}` : ""}
          </span>
        </header>
        <p role="status" className={cn("rounded-lg border px-3 py-2 text-sm font-medium", summary ? TONE[summary.tone] : TONE.unknown)}>
          {summary?.text ?? (snapshot?.problem ? "" : "Reading the cluster…")}
        </p>
        {snapshot?.problem ? <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{snapshot.problem}</p> : null}
        {snapshot && snapshot.checks.length > 0 ? <ul className="divide-y divide-slate-100">{snapshot.checks.map((c) => <LiveCheckItem key={c.checkId} check={c} />)}</ul> : null}
        <p className="text-xs text-slate-600">This follows the cluster while the page is open and is not stored. Only Verify records a run with evidence and changes the step&apos;s status.</p>
      </Card>
    </section>
  );
}
