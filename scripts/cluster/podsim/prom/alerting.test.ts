import { describe, expect, it } from "vitest";
import { loadManifests } from "@/lib/pack/manifests";
import { evaluateAlerts } from "./alerting";
import { parseRuleFile } from "./config";
import type { SeriesSource } from "./promql";

const rulesText = (loadManifests("monitoring/prometheus-alerting-config.yaml")[0]!.data as Record<string, string>)["ecommerce-alerts.yml"]!;
const groups = parseRuleFile(rulesText, "/etc/prometheus-rules/ecommerce-alerts.yml", 15_000);
const NOW = 10 * 3_600_000;

/** the backend target down since `downSince`, kube-state-metrics up (so only BackendDown can fire) */
const backendDownSince = (downSince: number): SeriesSource => ({
  select: (metric) => metric !== "up" ? [] : [
    { labels: { job: "ecommerce-backend", instance: "ecommerce-backend-service:8000" }, valueAt: (t) => (t >= downSince ? 0 : 1) },
    { labels: { job: "kube-state-metrics", instance: "ksm:8080" }, valueAt: () => 1 },
  ],
});

describe("alert state over time (for:)", () => {
  it("keeps BackendDown pending for its 2 minutes, then fires, with templated annotations", () => {
    const pending = evaluateAlerts(groups, backendDownSince(NOW - 60_000), 0, NOW);
    expect(pending.map((a) => [a.labels.alertname, a.state])).toEqual([["BackendDown", "pending"]]);
    expect(pending[0]!.activeAt.getTime()).toBe(NOW - 60_000);
    expect(pending[0]!.labels).toEqual({ alertname: "BackendDown", severity: "critical", job: "ecommerce-backend", instance: "ecommerce-backend-service:8000" });

    const firing = evaluateAlerts(groups, backendDownSince(NOW - 180_000), 0, NOW);
    expect(firing.map((a) => a.state)).toEqual(["firing"]);
    expect(firing[0]!.annotations.summary).toBe("Backend /metrics unreachable for 2 minutes");
  });

  it("cannot have been active before Prometheus had data", () => {
    const justStarted = evaluateAlerts(groups, backendDownSince(0), NOW - 30_000, NOW);
    expect(justStarted.map((a) => a.state)).toEqual(["pending"]);
    expect(justStarted[0]!.activeAt.getTime()).toBeGreaterThanOrEqual(NOW - 30_000);
  });

  it("is inactive while the target is up", () => {
    expect(evaluateAlerts(groups, backendDownSince(Infinity), 0, NOW)).toEqual([]);
  });
});
