// Alerting rules evaluated by the PromQL subset, with `for:` and annotation templates.
import type { AlertingRule, RuleGroup } from "./config";
import { evaluateVector, type Labels, type SeriesSource } from "./promql";

export interface ActiveAlert {
  rule: AlertingRule;
  group: RuleGroup;
  labels: Labels;
  annotations: Record<string, string>;
  state: "pending" | "firing";
  activeAt: Date;
  value: number;
}

function humanizeDuration(v: number): string {
  if (Math.abs(v) < 1) return `${(v * 1000).toFixed(0)}ms`;
  const s = Math.round(v);
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}

function template(text: string, labels: Labels, value: number): string {
  return text.replace(/\{\{\s*\$(labels\.(\w+)|value)\s*(?:\|\s*(\w+)\s*)?\}\}/g, (_m, what: string, label: string | undefined, fn: string | undefined) => {
    if (label !== undefined) return labels[label] ?? "";
    if (fn === "humanizeDuration") return humanizeDuration(value);
    if (fn === "humanizePercentage") return `${(value * 100).toFixed(4).replace(/\.?0+$/, "")}%`;
    if (fn === "humanize") return String(Number(value.toPrecision(4)));
    return String(value);
  });
}

/**
 * The pending and firing alerts of `groups` at `now`. An alert is active since the earliest of the
 * consecutive evaluation instants (group interval apart, not before `firstData`) at which its
 * series was in the result; it fires once that is at least the rule's `for:` ago.
 */
export function evaluateAlerts(groups: RuleGroup[], source: SeriesSource, firstData: number, now: number): ActiveAlert[] {
  const alerts: ActiveAlert[] = [];
  for (const group of groups) {
    for (const rule of group.rules) {
      if (rule.type !== "alerting" || !rule.node) continue;
      let current;
      try {
        current = evaluateVector(rule.node, source, now);
      } catch {
        continue;
      }
      for (const sample of current) {
        const { __name__: _n, ...seriesLabels } = sample.labels;
        const key = JSON.stringify(Object.entries(seriesLabels).sort());
        let activeAt = now;
        for (let t = now - group.intervalMs; t >= Math.max(firstData, now - rule.forMs - group.intervalMs); t -= group.intervalMs) {
          const earlier = evaluateVector(rule.node, source, t);
          if (!earlier.some((e) => JSON.stringify(Object.entries((({ __name__: _x, ...r }) => r)(e.labels)).sort()) === key)) break;
          activeAt = t;
        }
        const labels = { ...seriesLabels, ...rule.labels, alertname: rule.name };
        const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, template(v, labels, sample.value)]));
        alerts.push({
          rule, group, labels, annotations, value: sample.value, activeAt: new Date(activeAt),
          state: now - activeAt >= rule.forMs ? "firing" : "pending",
        });
      }
    }
  }
  return alerts;
}
