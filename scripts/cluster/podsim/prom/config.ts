// prometheus.yml and rule files, the parts podsim simulates: static_configs scrape jobs,
// rule_files, alerting.alertmanagers static_configs, global intervals and external labels.
import yaml from "js-yaml";
import { durationMs, parsePromQL, PromQLError, type PromQLNode } from "./promql";

export interface ScrapeTarget {
  job: string;
  address: string;
  scheme: string;
  metricsPath: string;
  intervalMs: number;
  timeoutMs: number;
  labels: Record<string, string>;
  intervalText: string;
  timeoutText: string;
}

export interface PromConfig {
  evaluationIntervalMs: number;
  externalLabels: Record<string, string>;
  ruleFiles: string[];
  alertmanagers: Array<{ scheme: string; pathPrefix: string; targets: string[] }>;
  targets: ScrapeTarget[];
  /** jobs whose service discovery podsim does not simulate (kubernetes_sd_configs, ...) */
  unsupportedJobs: string[];
}

export interface AlertingRule {
  name: string;
  query: string;
  node?: PromQLNode;
  /** why podsim cannot evaluate it, if it cannot */
  lastError?: string;
  forMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  type: "alerting" | "recording";
}

export interface RuleGroup {
  name: string;
  file: string;
  intervalMs: number;
  rules: AlertingRule[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): Record<string, string> =>
  isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : {};

function duration(value: unknown, fallback: string): { ms: number; text: string } {
  const text = typeof value === "string" && value ? value : fallback;
  return { ms: durationMs(text), text };
}

export function parsePrometheusConfig(text: string): PromConfig {
  const doc = (yaml.load(text) ?? {}) as unknown;
  if (!isObj(doc)) throw new Error("parsing YAML file: not a mapping");
  const global = isObj(doc.global) ? doc.global : {};
  const scrapeInterval = duration(global.scrape_interval, "1m");
  const scrapeTimeout = duration(global.scrape_timeout, "10s");
  const evaluation = duration(global.evaluation_interval, "1m");
  const targets: ScrapeTarget[] = [];
  const unsupportedJobs: string[] = [];
  for (const job of Array.isArray(doc.scrape_configs) ? doc.scrape_configs : []) {
    if (!isObj(job) || typeof job.job_name !== "string") throw new Error("scrape_configs: job_name is required");
    const interval = duration(job.scrape_interval, scrapeInterval.text);
    const timeout = duration(job.scrape_timeout, interval.ms < scrapeTimeout.ms ? interval.text : scrapeTimeout.text);
    const staticConfigs = Array.isArray(job.static_configs) ? job.static_configs : [];
    if (Object.keys(job).some((k) => k.endsWith("_sd_configs"))) unsupportedJobs.push(job.job_name);
    for (const group of staticConfigs) {
      if (!isObj(group)) continue;
      for (const address of Array.isArray(group.targets) ? group.targets : []) {
        targets.push({
          job: job.job_name, address: String(address), scheme: typeof job.scheme === "string" ? job.scheme : "http",
          metricsPath: typeof job.metrics_path === "string" ? job.metrics_path : "/metrics",
          intervalMs: interval.ms, timeoutMs: timeout.ms, intervalText: interval.text, timeoutText: timeout.text,
          labels: strings(group.labels),
        });
      }
    }
  }
  const alerting = isObj(doc.alerting) ? doc.alerting : {};
  const alertmanagers = (Array.isArray(alerting.alertmanagers) ? alerting.alertmanagers : []).filter(isObj).map((am) => ({
    scheme: typeof am.scheme === "string" ? am.scheme : "http",
    pathPrefix: typeof am.path_prefix === "string" ? am.path_prefix.replace(/\/$/, "") : "",
    targets: (Array.isArray(am.static_configs) ? am.static_configs : []).filter(isObj)
      .flatMap((c) => (Array.isArray(c.targets) ? c.targets.map(String) : [])),
  }));
  return {
    evaluationIntervalMs: evaluation.ms,
    externalLabels: strings(global.external_labels),
    ruleFiles: Array.isArray(doc.rule_files) ? doc.rule_files.map(String) : [],
    alertmanagers, targets, unsupportedJobs,
  };
}

export function parseRuleFile(text: string, file: string, defaultIntervalMs: number): RuleGroup[] {
  const doc = (yaml.load(text) ?? {}) as unknown;
  if (!isObj(doc)) throw new Error(`${file}: not a mapping`);
  return (Array.isArray(doc.groups) ? doc.groups : []).filter(isObj).map((group) => ({
    name: String(group.name ?? ""),
    file,
    intervalMs: typeof group.interval === "string" ? durationMs(group.interval) : defaultIntervalMs,
    rules: (Array.isArray(group.rules) ? group.rules : []).filter(isObj).map((rule) => {
      const query = String(rule.expr ?? "").trim();
      let node: PromQLNode | undefined;
      let lastError: string | undefined;
      try {
        node = parsePromQL(query);
      } catch (error) {
        lastError = error instanceof PromQLError ? `podsim cannot evaluate this expression: ${error.message}` : String(error);
      }
      return {
        name: String(rule.alert ?? rule.record ?? ""),
        query, node, lastError,
        forMs: typeof rule.for === "string" ? durationMs(rule.for) : 0,
        labels: strings(rule.labels),
        annotations: strings(rule.annotations),
        type: rule.alert !== undefined ? "alerting" as const : "recording" as const,
      };
    }),
  }));
}

/** Prometheus' strconv.FormatFloat(v, 'e', -1, 64): "1e+00", "5.23e-02". */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
  const [mantissa, exponent] = value.toExponential().split("e");
  const exp = Number(exponent);
  return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}
