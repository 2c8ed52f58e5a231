import { describe, expect, it } from "vitest";
import { loadManifests } from "@/lib/pack/manifests";
import { parsePrometheusConfig, parseRuleFile, formatValue } from "./config";
import { evaluateVector, parsePromQL, type SeriesSource, type SourceSeries } from "./promql";

const rulesText = (loadManifests("monitoring/prometheus-alerting-config.yaml")[0]!.data as Record<string, string>)["ecommerce-alerts.yml"]!;
const configText = (loadManifests("monitoring/prometheus-config.yaml")[0]!.data as Record<string, string>)["prometheus.yml"]!;
const rule = (name: string) => parseRuleFile(rulesText, "rules.yml", 15_000).flatMap((g) => g.rules).find((r) => r.name === name)!;

const source = (series: Record<string, SourceSeries[]>): SeriesSource => ({ select: (metric) => series[metric] ?? [] });
const constant = (labels: Record<string, string>, value: number): SourceSeries => ({ labels, valueAt: () => value });
/** a counter that grew by `perSecond` since t0 */
const counter = (labels: Record<string, string>, perSecond: number, t0 = 0): SourceSeries => ({ labels, valueAt: (t) => Math.max(0, (t - t0) / 1000) * perSecond });
const NOW = 3_600_000;

describe("the course's prometheus.yml and alert rules", () => {
  it("reads the scrape targets, the rule files and the Alertmanager", () => {
    const config = parsePrometheusConfig(configText);
    expect(config.targets.map((t) => [t.job, t.address])).toEqual([
      ["prometheus", "localhost:9090"], ["ecommerce-backend", "ecommerce-backend-service:8000"],
      ["alertmanager", "alertmanager-service:9093"], ["kube-state-metrics", "kube-state-metrics.kube-system.svc:8080"],
    ]);
    expect(config.targets[1]).toMatchObject({ intervalMs: 15_000, timeoutMs: 10_000, labels: { app: "ecommerce", component: "backend" } });
    expect(config.ruleFiles).toEqual(["/etc/prometheus-rules/*.yml"]);
    expect(config.alertmanagers).toEqual([{ scheme: "http", pathPrefix: "", targets: ["alertmanager-service:9093"] }]);
    expect(config.externalLabels).toEqual({ cluster: "ecommerce" });
  });

  it("parses every rule expression of the course", () => {
    const rules = parseRuleFile(rulesText, "rules.yml", 15_000).flatMap((g) => g.rules);
    expect(rules.map((r) => [r.name, r.forMs, r.lastError])).toEqual([
      ["BackendDown", 120_000, undefined], ["HighRequestLatency", 300_000, undefined], ["HighErrorRate", 300_000, undefined],
      ["PodRestartingFrequently", 0, undefined], ["NodeNotReady", 300_000, undefined], ["KubeStateMetricsMissing", 900_000, undefined],
    ]);
  });

  it("BackendDown: up == 0 selects the backend target only when it is down", () => {
    const up = (backend: number) => source({ up: [constant({ job: "ecommerce-backend", instance: "b:8000" }, backend), constant({ job: "prometheus", instance: "localhost:9090" }, 0)] });
    expect(evaluateVector(rule("BackendDown").node!, up(1), NOW)).toEqual([]);
    expect(evaluateVector(rule("BackendDown").node!, up(0), NOW)).toEqual([{ labels: { __name__: "up", job: "ecommerce-backend", instance: "b:8000" }, value: 0 }]);
  });

  it("HighErrorRate: more than 5 % of requests answered 5xx over 5 minutes", () => {
    const traffic = (errorsPerSecond: number) => source({
      http_requests_total: [
        counter({ job: "ecommerce-backend", status: "2xx", handler: "/api/products" }, 1),
        counter({ job: "ecommerce-backend", status: "5xx", handler: "/api/products" }, errorsPerSecond),
      ],
    });
    expect(evaluateVector(rule("HighErrorRate").node!, traffic(0.01), NOW)).toEqual([]);
    const [sample] = evaluateVector(rule("HighErrorRate").node!, traffic(0.5), NOW);
    expect(sample!.value).toBeCloseTo(0.5 / 1.5, 6);
    expect(evaluateVector(rule("HighErrorRate").node!, source({}), NOW)).toEqual([]);
  });

  it("HighRequestLatency: histogram_quantile over the bucket rates", () => {
    const buckets = (slowShare: number) => source({
      http_request_duration_seconds_bucket: [
        counter({ job: "ecommerce-backend", le: "0.1" }, 1 - slowShare), counter({ job: "ecommerce-backend", le: "0.5" }, 1 - slowShare),
        counter({ job: "ecommerce-backend", le: "1.0" }, 1), counter({ job: "ecommerce-backend", le: "+Inf" }, 1),
      ],
    });
    expect(evaluateVector(rule("HighRequestLatency").node!, buckets(0), NOW)).toEqual([]);
    const [slow] = evaluateVector(rule("HighRequestLatency").node!, buckets(0.5), NOW);
    expect(slow!.value).toBeCloseTo(0.95, 6);
  });

  it("KubeStateMetricsMissing: absent() is 1 when no kube-state-metrics target is up", () => {
    const ksm = (value: number) => source({ up: [constant({ job: "kube-state-metrics", instance: "k:8080" }, value)] });
    expect(evaluateVector(rule("KubeStateMetricsMissing").node!, ksm(0), NOW)).toEqual([{ labels: {}, value: 1 }]);
    expect(evaluateVector(rule("KubeStateMetricsMissing").node!, ksm(1), NOW)).toEqual([]);
    expect(evaluateVector(rule("PodRestartingFrequently").node!, source({}), NOW)).toEqual([]);
  });
});

describe("PromQL subset", () => {
  it("aggregates by labels, compares with bool and keeps precedence", () => {
    const s = source({ m: [constant({ a: "1", b: "x" }, 2), constant({ a: "1", b: "y" }, 3), constant({ a: "2", b: "x" }, 5)] });
    expect(evaluateVector("sum by (a) (m)", s, NOW)).toEqual([{ labels: { a: "1" }, value: 5 }, { labels: { a: "2" }, value: 5 }]);
    expect(evaluateVector("max(m) - 1 * 2", s, NOW)).toEqual([{ labels: {}, value: 3 }]);
    expect(evaluateVector("m > bool 2", s, NOW).map((x) => x.value)).toEqual([0, 1, 1]);
    expect(evaluateVector('m{b=~"x|z", a!="2"}', s, NOW).map((x) => x.value)).toEqual([2]);
  });

  it("refuses what it does not simulate instead of guessing", () => {
    expect(() => parsePromQL("predict_linear(m[1h], 3600)")).toThrow(/not simulated/);
    expect(() => parsePromQL("sum(m")).toThrow();
  });

  it("formats values like Prometheus' API", () => {
    expect(formatValue(1)).toBe("1e+00");
    expect(formatValue(0.0523)).toBe("5.23e-02");
    expect(formatValue(1234)).toBe("1.234e+03");
  });
});
