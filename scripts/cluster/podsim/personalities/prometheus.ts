// prom/prometheus: loads --config.file and its rule_files from the mounted ConfigMaps (reloaded
// when they change, as the pod's config-reloader makes it), scrapes static_configs targets from
// inside its pod (DNS, Services, NetworkPolicy), evaluates the rules it can (prom/promql.ts), and
// serves the HTTP API the course reads: targets, rules, alerts, alertmanagers, query.
// Scrapes run when the cluster changes and when the API is read (no timer): health only changes
// with cluster objects here. `for:` is decided by evaluating the rule at earlier instants.
import type { V1Pod } from "@kubernetes/client-node";
import { errorText } from "../log";
import { evaluateAlerts, type ActiveAlert } from "../prom/alerting";
import { parsePrometheusConfig, parseRuleFile, formatValue, type RuleGroup, type PromConfig, type ScrapeTarget } from "../prom/config";
import { evaluateVector, type Labels, type SeriesSource, type SourceSeries } from "../prom/promql";
import { Backend } from "./backend";
import { sendJson, sendText, type ContainerContext, type HttpRequest, type Personality, type PersonalityFactory } from "./types";

interface TargetState {
  target: ScrapeTarget;
  health: "up" | "down" | "unknown";
  lastError: string;
  lastScrape?: Date;
  durationSeconds: number;
  history: Array<{ at: number; up: 0 | 1 }>;
}

const STALE_MS = 2_000;

function arg(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

function isExposition(body: string): boolean {
  return body.split("\n").every((line) => line === "" || line.startsWith("#") || /^[a-zA-Z_:][\w:]*(\{[^}]*\})?\s+\S+/.test(line));
}

export class Prometheus implements Personality {
  private readonly configFile: string;
  private readonly port: number;
  private config: PromConfig | undefined;
  private groups: RuleGroup[] = [];
  error: string | undefined;
  private fingerprint = "";
  private readonly targets = new Map<string, TargetState>();
  private scraping: Promise<void> | undefined;
  private rescrapeAgain = false;
  private lastScrapeRound = 0;
  private readonly version: string;

  constructor(private readonly ctx: ContainerContext) {
    const args = [...(ctx.container.command ?? []), ...(ctx.container.args ?? [])];
    this.configFile = arg(args, "config.file") ?? "/etc/prometheus/prometheus.yml";
    this.port = Number((arg(args, "web.listen-address") ?? ":9090").split(":").pop()) || 9090;
    this.version = ctx.image.tag.replace(/^v/, "");
    if (!ctx.log.hasLines) {
      ctx.log.stderr(`ts=${new Date().toISOString()} caller=main.go:601 level=info msg="Starting Prometheus Server" mode=server version="(version=${this.version}, branch=HEAD, revision=podsim)"`);
    }
    this.load(true);
  }

  get pod(): V1Pod {
    return this.ctx.pod();
  }

  private load(initial = false): void {
    const files = this.ctx.files;
    const main = files.read(this.configFile);
    const fingerprint = JSON.stringify([main, ...files.all()]);
    if (fingerprint === this.fingerprint) return;
    this.fingerprint = fingerprint;
    const t = () => new Date().toISOString();
    if (main === undefined) {
      this.error = `open ${this.configFile}: no such file or directory`;
      this.ctx.log.stderr(`ts=${t()} caller=main.go:1203 level=error msg="Error loading config (--config.file=${this.configFile})" file=${this.configFile} err="${this.error}"`);
      return;
    }
    this.ctx.log.stderr(`ts=${t()} caller=main.go:1150 level=info msg="Loading configuration file" filename=${this.configFile}`);
    try {
      const config = parsePrometheusConfig(main);
      const groups: RuleGroup[] = [];
      for (const pattern of config.ruleFiles) {
        for (const file of pattern.includes("*") ? files.glob(pattern) : [{ path: pattern, content: files.read(pattern) ?? "" }]) {
          if (file.content === "" && !pattern.includes("*")) continue;
          groups.push(...parseRuleFile(file.content, file.path, config.evaluationIntervalMs));
        }
      }
      this.config = config;
      this.groups = groups;
      this.error = undefined;
      for (const key of [...this.targets.keys()]) if (!config.targets.some((x) => `${x.job}\u0000${x.address}` === key)) this.targets.delete(key);
      this.ctx.log.stderr(`ts=${t()} caller=main.go:1187 level=info msg="Completed loading of configuration file" filename=${this.configFile}`);
      if (initial) {
        this.ctx.log.stderr(
          `ts=${t()} caller=web.go:571 level=info component=web msg="Start listening for connections" address=0.0.0.0:${this.port}`,
          `ts=${t()} caller=main.go:1043 level=info msg="Server is ready to receive web requests."`,
        );
      }
    } catch (error) {
      this.error = errorText(error);
      this.ctx.log.stderr(`ts=${t()} caller=main.go:1203 level=error msg="Error reloading config" err="couldn't load configuration (--config.file=${this.configFile}): ${this.error}"`);
    }
  }

  refresh(): void {
    this.load();
    void this.rescrape();
  }

  httpPorts(): number[] {
    return this.config ? [this.port] : [];
  }

  /** Scrapes every target once (coalescing requests that arrive meanwhile). */
  rescrape(): Promise<void> {
    if (this.scraping) {
      this.rescrapeAgain = true;
      return this.scraping;
    }
    this.scraping = (async () => {
      do {
        this.rescrapeAgain = false;
        const config = this.config;
        if (!config) break;
        await Promise.all(config.targets.map((target) => this.scrape(target)));
        this.lastScrapeRound = Date.now();
      } while (this.rescrapeAgain);
    })().finally(() => {
      this.scraping = undefined;
    });
    return this.scraping;
  }

  private async scrape(target: ScrapeTarget): Promise<void> {
    const key = `${target.job}\u0000${target.address}`;
    const state = this.targets.get(key) ?? { target, health: "unknown" as const, lastError: "", durationSeconds: 0, history: [] };
    state.target = target;
    const url = `${target.scheme}://${target.address}${target.metricsPath}`;
    const started = Date.now();
    const result = await this.ctx.sim.http({ source: this.pod, url: new URL(url), timeoutMs: target.timeoutMs, skipWaits: true });
    let error = "";
    if (result.kind === "response") {
      const body = result.body.toString("utf8");
      if (result.status < 200 || result.status > 299) error = `server returned HTTP status ${result.status} ${result.statusText}`;
      else if (!isExposition(body)) error = `expected a valid start token, got "${body.trim().slice(0, 1)}" ("INVALID") while parsing: "${body.trim().slice(0, 1)}"`;
    } else {
      const host = new URL(url).hostname;
      error = result.kind === "unresolvable" ? `Get "${url}": dial tcp: lookup ${host} on 10.0.0.10:53: no such host`
        : result.kind === "refused" ? `Get "${url}": dial tcp ${result.address}:${new URL(url).port || 80}: connect: connection refused`
          : result.kind === "timeout" ? `Get "${url}": context deadline exceeded`
            : `Get "${url}": EOF`;
    }
    const health = error ? "down" : "up";
    state.lastError = error;
    state.lastScrape = new Date();
    state.durationSeconds = result.kind === "timeout" ? target.timeoutMs / 1000 : (Date.now() - started) / 1000;
    if (state.health !== health) state.history.push({ at: Date.now(), up: health === "up" ? 1 : 0 });
    state.health = health;
    this.targets.set(key, state);
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.lastScrapeRound > STALE_MS || this.scraping) await this.rescrape();
  }

  /** The series podsim's Prometheus would hold: `up` per target and the backend's request metrics. */
  private source(): SeriesSource {
    const upAt = (state: TargetState, t: number): number | undefined => {
      let value: number | undefined;
      for (const h of state.history) if (h.at <= t) value = h.up;
      return value;
    };
    const targetLabels = (s: TargetState): Labels => ({ ...s.target.labels, job: s.target.job, instance: s.target.address });
    return {
      select: (metric): SourceSeries[] => {
        const states = [...this.targets.values()];
        if (metric === "up") return states.map((s) => ({ labels: targetLabels(s), valueAt: (t) => upAt(s, t) }));
        const out: SourceSeries[] = [];
        for (const s of states) {
          const [host, portText] = s.target.address.split(":");
          const pods = this.ctx.sim.network.reachablePods(this.pod, host ?? "", Number(portText) || 80);
          const merged = new Map<string, { labels: Labels; parts: Array<(t: number) => number> }>();
          for (const pod of pods) {
            for (const { personality } of this.ctx.sim.runtimeOf(pod)?.containers.values() ?? []) {
              if (!(personality instanceof Backend)) continue;
              for (const series of personality.metrics.series(metric)) {
                const labels = { ...targetLabels(s), ...series.labels };
                const k = JSON.stringify(Object.entries(labels).sort());
                const entry = merged.get(k) ?? { labels, parts: [] };
                entry.parts.push(series.valueAt);
                merged.set(k, entry);
              }
            }
          }
          for (const { labels, parts } of merged.values()) {
            out.push({ labels, valueAt: (t) => (upAt(s, t) === 1 ? parts.reduce((sum, f) => sum + f(t), 0) : undefined) });
          }
        }
        return out;
      },
    };
  }

  /** Alerting rules' pending and firing alerts now. */
  alerts(): ActiveAlert[] {
    const now = Date.now();
    const firstData = Math.min(...[...this.targets.values()].map((t) => t.history[0]?.at ?? now), now);
    return evaluateAlerts(this.groups, this.source(), firstData, now);
  }

  /** Alertmanager pods this Prometheus delivers to (static_configs resolved from its pod). */
  alertmanagerPods(): Array<{ pod: V1Pod; url: string }> {
    const out: Array<{ pod: V1Pod; url: string }> = [];
    for (const am of this.config?.alertmanagers ?? []) {
      for (const target of am.targets) {
        const [host, portText] = target.split(":");
        for (const pod of this.ctx.sim.network.reachablePods(this.pod, host ?? "", Number(portText) || 80)) {
          const isAlertmanager = [...(this.ctx.sim.runtimeOf(pod)?.containers.values() ?? [])].some((c) => c.ctx.image.repository === "alertmanager");
          if (isAlertmanager) out.push({ pod, url: `${am.scheme}://${target}${am.pathPrefix}/api/v2/alerts` });
        }
      }
    }
    return out;
  }

  get externalLabels(): Labels {
    return this.config?.externalLabels ?? {};
  }

  async handle(_port: number, { req, res }: HttpRequest): Promise<void> {
    const url = new URL(req.url ?? "/", "http://prometheus");
    const ok = (data: unknown) => sendJson(res, 200, { status: "success", data });
    switch (url.pathname) {
      case "/-/healthy":
        return sendText(res, 200, "Prometheus Server is Healthy.\n");
      case "/-/ready":
        return sendText(res, 200, "Prometheus Server is Ready.\n");
      case "/-/reload":
        if (req.method !== "POST" && req.method !== "PUT") return sendText(res, 405, "Only POST or PUT requests allowed\n");
        this.refresh();
        return sendText(res, 200, "");
      case "/":
        res.writeHead(302, { location: "/graph" });
        return void res.end();
      case "/graph":
        return sendText(res, 200, "<!doctype html><html lang=\"en\"><head><title>Prometheus Time Series Collection and Processing Server</title></head><body><div id=\"root\"></div></body></html>", "text/html; charset=utf-8");
      case "/metrics":
        return sendText(res, 200, `# HELP prometheus_build_info A metric with a constant '1' value.\n# TYPE prometheus_build_info gauge\nprometheus_build_info{version="${this.version}"} 1\n# HELP prometheus_target_scrape_pools_total Total scrape pools.\n# TYPE prometheus_target_scrape_pools_total counter\nprometheus_target_scrape_pools_total ${new Set(this.config?.targets.map((t) => t.job)).size}\n`, "text/plain; version=0.0.4; charset=utf-8");
      case "/api/v1/status/buildinfo":
        return ok({ version: this.version, revision: "podsim", branch: "HEAD", buildUser: "podsim", buildDate: "", goVersion: "" });
      case "/api/v1/status/config":
        return ok({ yaml: this.ctx.files.read(this.configFile) ?? "" });
      case "/api/v1/targets": {
        await this.fresh();
        const state = url.searchParams.get("state") ?? "any";
        const activeTargets = state === "dropped" ? [] : (this.config?.targets ?? []).map((t) => {
          const s = this.targets.get(`${t.job}\u0000${t.address}`);
          const discovered = { __address__: t.address, __metrics_path__: t.metricsPath, __scheme__: t.scheme, __scrape_interval__: t.intervalText, __scrape_timeout__: t.timeoutText, job: t.job, ...t.labels };
          return {
            discoveredLabels: discovered,
            labels: { ...t.labels, instance: t.address, job: t.job },
            scrapePool: t.job,
            scrapeUrl: `${t.scheme}://${t.address}${t.metricsPath}`,
            globalUrl: `${t.scheme}://${t.address.replace(/^localhost(?=:)/, this.pod.metadata?.name ?? "localhost")}${t.metricsPath}`,
            lastError: s?.lastError ?? "",
            lastScrape: (s?.lastScrape ?? new Date(0)).toISOString(),
            lastScrapeDuration: s?.durationSeconds ?? 0,
            health: s?.health ?? "unknown",
            scrapeInterval: t.intervalText,
            scrapeTimeout: t.timeoutText,
          };
        });
        return ok({ activeTargets, droppedTargets: [], droppedTargetCounts: Object.fromEntries([...new Set(this.config?.targets.map((t) => t.job))].map((j) => [j, 0])) });
      }
      case "/api/v1/rules": {
        await this.fresh();
        const type = url.searchParams.get("type");
        const alerts = this.alerts();
        const now = new Date().toISOString();
        const groups = this.groups.map((group) => ({
          name: group.name, file: group.file, interval: group.intervalMs / 1000, limit: 0, evaluationTime: 0.0002, lastEvaluation: now,
          rules: group.rules.filter((r) => !type || (type === "alert" ? r.type === "alerting" : r.type === "recording")).map((rule) => {
            const mine = alerts.filter((a) => a.rule === rule);
            const base = { name: rule.name, query: rule.query, labels: rule.labels, health: rule.lastError ? "unknown" : "ok", lastError: rule.lastError ?? "", evaluationTime: 0.0001, lastEvaluation: now, type: rule.type };
            if (rule.type === "recording") return base;
            return {
              state: mine.some((a) => a.state === "firing") ? "firing" : mine.length > 0 ? "pending" : "inactive",
              ...base, duration: rule.forMs / 1000, keepFiringFor: 0, annotations: rule.annotations,
              alerts: mine.map((a) => ({ labels: a.labels, annotations: a.annotations, state: a.state, activeAt: a.activeAt.toISOString(), value: formatValue(a.value) })),
            };
          }),
        }));
        return ok({ groups });
      }
      case "/api/v1/alerts": {
        await this.fresh();
        return ok({ alerts: this.alerts().map((a) => ({ labels: a.labels, annotations: a.annotations, state: a.state, activeAt: a.activeAt.toISOString(), value: formatValue(a.value) })) });
      }
      case "/api/v1/alertmanagers":
        return ok({ activeAlertmanagers: this.alertmanagerPods().map(({ url: u }) => ({ url: u })).filter((v, i, all) => all.findIndex((x) => x.url === v.url) === i), droppedAlertmanagers: [] });
      case "/api/v1/query": {
        await this.fresh();
        const query = url.searchParams.get("query") ?? "";
        const time = Number(url.searchParams.get("time")) * 1000 || Date.now();
        try {
          const result = evaluateVector(query, this.source(), time);
          return ok({ resultType: "vector", result: result.map((s) => ({ metric: s.labels, value: [time / 1000, String(s.value)] })) });
        } catch (error) {
          return sendJson(res, 400, { status: "error", errorType: "bad_data", error: errorText(error) });
        }
      }
      default:
        return sendText(res, 404, "404 page not found\n");
    }
  }
}

export type { ActiveAlert };

export const prometheus: PersonalityFactory = (ctx) => new Prometheus(ctx);
