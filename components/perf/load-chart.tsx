"use client";

import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, Area } from "recharts";
import type { SecondPoint } from "@/lib/load/types";
import { pointRate } from "./format";

// Recharts wraps a tick at its spaces, so "650 ms" would break onto two lines beside the axis.
const latencyTick = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10}s` : `${Math.round(ms)}ms`);

const timeTicks = (end: number) => [...new Set([0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(end * f)))];

/** Requests per second (area, left axis) and p50/p95 latency (lines, right axis) over the run, second by second. */
export function LoadChart({ series, label, plannedSeconds, caption = "Requests per second and latency (p50, p95) for each second of the run." }: { series: SecondPoint[]; label: string; plannedSeconds: number; caption?: string }) {
  // A last, shorter second can land at t = plannedSeconds: the axis always ends there, so every chart reads alike.
  const end = Math.max(1, plannedSeconds, ...series.map((p) => p.t));
  const data = series.map((p) => ({ t: p.t, rps: pointRate(p), p50: p.p50, p95: p.p95, errors: p.errors }));
  return (
    <figure className="space-y-1">
      <div className="h-48 w-full sm:h-56" role="img" aria-label={`Requests per second and latency over time for ${label}, ${series.length} seconds measured`}>
        <ResponsiveContainer width="100%" height="100%">
          {/* The wrapper is the chart's accessible image; the result table holds the same numbers as text. */}
          <ComposedChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: -8 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={[0, end]} ticks={timeTicks(end)} tickFormatter={(t: number) => `${t}s`} tick={{ fontSize: 11, fill: "#475569" }} />
            <YAxis yAxisId="rps" tick={{ fontSize: 11, fill: "#475569" }} width={44} />
            <YAxis yAxisId="ms" orientation="right" tick={{ fontSize: 11, fill: "#475569" }} width={48} tickFormatter={latencyTick} />
            <Tooltip formatter={(value, name) => [name === "Requests/s" ? value : `${value} ms`, name]} labelFormatter={(t) => `second ${t}`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Area yAxisId="rps" type="monotone" dataKey="rps" name="Requests/s" stroke="#0369a1" fill="#bae6fd" isAnimationActive={false} />
            <Line yAxisId="ms" type="monotone" dataKey="p50" name="p50" stroke="#64748b" dot={false} isAnimationActive={false} />
            <Line yAxisId="ms" type="monotone" dataKey="p95" name="p95" stroke="#c2410c" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-slate-600">{caption}</figcaption>
    </figure>
  );
}
