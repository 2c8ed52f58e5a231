// prom/alertmanager: --config.file from its mounted ConfigMap; /-/healthy, /-/ready, the UI, and
// API v2 (alerts, status, receivers, silences). Its alerts are the firing alerts of every podsim
// Prometheus whose `alerting` section reaches this pod, routed and inhibited per its config.
import { createHash } from "node:crypto";
import yaml from "js-yaml";
import { errorText } from "../log";
import { Prometheus } from "./prometheus";
import { sendJson, sendText, type ContainerContext, type HttpRequest, type Personality, type PersonalityFactory } from "./types";

type Labels = Record<string, string>;
interface Route { receiver?: string; matchers: Array<(l: Labels) => boolean>; routes: Route[]; continue: boolean }

function matcher(text: string): (l: Labels) => boolean {
  const m = /^\s*([\w]+)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$/.exec(text);
  if (!m) return () => false;
  const [, label, op, value] = m as unknown as [string, string, string, string];
  const re = new RegExp(`^(?:${value})$`);
  return (l) => {
    const v = l[label] ?? "";
    return op === "=" ? v === value : op === "!=" ? v !== value : op === "=~" ? re.test(v) : !re.test(v);
  };
}

function parseRoute(raw: unknown): Route {
  const r = (raw ?? {}) as Record<string, unknown>;
  const matchers = (Array.isArray(r.matchers) ? r.matchers.map(String) : []).map(matcher);
  for (const [k, v] of Object.entries((r.match ?? {}) as Record<string, string>)) matchers.push((l) => l[k] === String(v));
  return {
    receiver: typeof r.receiver === "string" ? r.receiver : undefined,
    matchers,
    routes: (Array.isArray(r.routes) ? r.routes : []).map(parseRoute),
    continue: r.continue === true,
  };
}

function receiversFor(route: Route, labels: Labels, inherited: string): string[] {
  const receiver = route.receiver ?? inherited;
  const out: string[] = [];
  for (const child of route.routes) {
    if (!child.matchers.every((m) => m(labels))) continue;
    out.push(...receiversFor(child, labels, receiver));
    if (!child.continue) break;
  }
  return out.length > 0 ? out : [receiver];
}

class Alertmanager implements Personality {
  private readonly configFile: string;
  private readonly port: number;
  private readonly version: string;
  private readonly startedAt = new Date();
  private config: { original: string; route: Route; inhibit: Array<{ source: Array<(l: Labels) => boolean>; target: Array<(l: Labels) => boolean>; equal: string[] }>; receivers: string[] } | undefined;
  private error: string | undefined;
  private fingerprint = "";

  constructor(private readonly ctx: ContainerContext) {
    const args = [...(ctx.container.command ?? []), ...(ctx.container.args ?? [])];
    const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    this.configFile = value("config.file") ?? "/etc/alertmanager/alertmanager.yml";
    this.port = Number((value("web.listen-address") ?? ":9093").split(":").pop()) || 9093;
    this.version = ctx.image.tag.replace(/^v/, "");
    if (!ctx.log.hasLines) ctx.log.stderr(`ts=${new Date().toISOString()} caller=main.go:181 level=info msg="Starting Alertmanager" version="(version=${this.version}, branch=HEAD, revision=podsim)"`);
    this.load();
  }

  private load(): void {
    const text = this.ctx.files.read(this.configFile);
    if (text === this.fingerprint) return;
    this.fingerprint = text ?? "";
    const t = new Date().toISOString();
    if (text === undefined) {
      this.config = undefined;
      this.error = `open ${this.configFile}: no such file or directory`;
      this.ctx.log.stderr(`ts=${t} caller=coordinator.go:118 level=error component=configuration msg="Loading configuration file failed" file=${this.configFile} err="${this.error}"`);
      return;
    }
    try {
      const doc = (yaml.load(text) ?? {}) as Record<string, unknown>;
      this.config = {
        original: text,
        route: parseRoute(doc.route),
        inhibit: (Array.isArray(doc.inhibit_rules) ? doc.inhibit_rules : []).map((raw: Record<string, unknown>) => ({
          source: (Array.isArray(raw.source_matchers) ? raw.source_matchers.map(String) : []).map(matcher),
          target: (Array.isArray(raw.target_matchers) ? raw.target_matchers.map(String) : []).map(matcher),
          equal: Array.isArray(raw.equal) ? raw.equal.map(String) : [],
        })),
        receivers: (Array.isArray(doc.receivers) ? doc.receivers : []).map((r: Record<string, unknown>) => String(r.name)),
      };
      this.error = undefined;
      this.ctx.log.stderr(`ts=${t} caller=coordinator.go:113 level=info component=configuration msg="Loading configuration file" file=${this.configFile}`,
        `ts=${t} caller=coordinator.go:126 level=info component=configuration msg="Completed loading of configuration file" file=${this.configFile}`,
        `ts=${t} caller=tls_config.go:313 level=info msg="Listening on" address=[::]:${this.port}`);
    } catch (error) {
      this.config = undefined;
      this.error = errorText(error);
      this.ctx.log.stderr(`ts=${t} caller=coordinator.go:118 level=error component=configuration msg="Loading configuration file failed" file=${this.configFile} err="${this.error}"`);
    }
  }

  refresh(): void {
    this.load();
  }

  httpPorts(): number[] {
    return this.config ? [this.port] : [];
  }

  private async alerts(): Promise<unknown[]> {
    const config = this.config;
    if (!config) return [];
    const me = this.ctx.runtime.uid;
    const received: Array<{ labels: Labels; annotations: Record<string, string>; startsAt: Date; generatorURL: string }> = [];
    for (const runtime of this.ctx.sim.runtimes.values()) {
      for (const { personality } of runtime.containers.values()) {
        if (!(personality instanceof Prometheus) || !personality.alertmanagerPods().some((a) => a.pod.metadata?.uid === me)) continue;
        await personality.rescrape();
        for (const alert of personality.alerts()) {
          if (alert.state !== "firing") continue;
          received.push({
            labels: { ...personality.externalLabels, ...alert.labels },
            annotations: alert.annotations,
            startsAt: new Date(alert.activeAt.getTime() + alert.rule.forMs),
            generatorURL: `http://${runtime.pod.metadata?.name}:9090/graph?g0.expr=${encodeURIComponent(alert.rule.query)}&g0.tab=1`,
          });
        }
      }
    }
    const fingerprint = (l: Labels) => createHash("sha1").update(JSON.stringify(Object.entries(l).sort())).digest("hex").slice(0, 16);
    const now = Date.now();
    return received.map((alert) => {
      const inhibitedBy = received.filter((other) => other !== alert && config.inhibit.some((rule) =>
        rule.source.every((m) => m(other.labels)) && rule.target.every((m) => m(alert.labels)) &&
        rule.equal.every((l) => (other.labels[l] ?? "") === (alert.labels[l] ?? "")))).map((o) => fingerprint(o.labels));
      return {
        annotations: alert.annotations,
        endsAt: new Date(now + 4 * 60_000).toISOString(),
        fingerprint: fingerprint(alert.labels),
        receivers: receiversFor(config.route, alert.labels, config.route.receiver ?? "").map((name) => ({ name })),
        startsAt: alert.startsAt.toISOString(),
        status: { inhibitedBy, silencedBy: [], state: inhibitedBy.length > 0 ? "suppressed" : "active" },
        updatedAt: new Date(now).toISOString(),
        generatorURL: alert.generatorURL,
        labels: alert.labels,
      };
    });
  }

  async handle(_port: number, { req, res }: HttpRequest): Promise<void> {
    const pathname = new URL(req.url ?? "/", "http://alertmanager").pathname;
    switch (pathname) {
      case "/-/healthy":
      case "/-/ready":
        return sendText(res, 200, "OK");
      case "/":
        return sendText(res, 200, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Alertmanager</title></head><body><script>window.alertmanager = true;</script></body></html>", "text/html; charset=utf-8");
      case "/api/v2/alerts":
        return sendJson(res, 200, await this.alerts());
      case "/metrics":
        return sendText(res, 200, `# HELP alertmanager_build_info A metric with a constant '1' value.\n# TYPE alertmanager_build_info gauge\nalertmanager_build_info{version="${this.version}"} 1\n`, "text/plain; version=0.0.4; charset=utf-8");
      case "/api/v2/alerts/groups":
        return sendJson(res, 200, []);
      case "/api/v2/silences":
        return sendJson(res, 200, []);
      case "/api/v2/receivers":
        return sendJson(res, 200, (this.config?.receivers ?? []).map((name) => ({ name })));
      case "/api/v2/status":
        return sendJson(res, 200, {
          cluster: { name: "01PODSIM", peers: [{ address: `${this.ctx.pod().status?.podIP ?? "127.0.0.1"}:9094`, name: "01PODSIM" }], status: "ready" },
          config: { original: this.config?.original ?? "" },
          uptime: this.startedAt.toISOString(),
          versionInfo: { branch: "HEAD", buildDate: "", buildUser: "podsim", goVersion: "", revision: "podsim", version: this.version },
        });
      default:
        return sendText(res, 404, "404 page not found\n");
    }
  }
}

export const alertmanager: PersonalityFactory = (ctx) => new Alertmanager(ctx);
