import { z } from "zod";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { evidence, missing, table, verdict } from "../evidence";
import type { ClusterReads, Verdict } from "../types";
import { getThroughService, httpTranscript, lintService, serviceNotFound, type ServiceHttp } from "./service-http";

type Json<T> = { http: ServiceHttp; data?: T; parseError?: string };

async function getJson<T>(reads: ClusterReads, ns: string, service: string, port: number, path: string): Promise<Json<T>> {
  const http = await getThroughService(reads, ns, service, port, path);
  const a = http.answers[0];
  if (!a?.ok || a.value.status !== 200) return { http };
  try {
    return { http, data: (JSON.parse(a.value.body) as { data: T }).data };
  } catch {
    return { http, parseError: "the answer is not Prometheus API JSON" };
  }
}

/** Why a Prometheus API answer could not be used, or undefined when it could. */
function unusable(j: Json<unknown>, expected: string, ns: string, service: string, port: number, path: string): Verdict | undefined {
  const transcript = httpTranscript(j.http, ns, service, port, path);
  if (!j.http.service.ok) return verdict("error", expected, j.http.service.message, [transcript]);
  if (!j.http.service.value) return missing(expected, `Service ${service} not found in ${ns}`, [serviceNotFound(ns, service)]);
  if (j.http.problem) return verdict("fail", expected, j.http.problem, [transcript]);
  const a = j.http.answers[0];
  if (!a) return verdict("fail", expected, "no answer", [transcript]);
  if (!a.ok) return verdict(a.kind === "forbidden" ? "error" : "fail", expected, a.message, [transcript]);
  if (a.value.status !== 200) return verdict("fail", expected, `HTTP ${a.value.status} from ${path}`, [transcript]);
  if (j.parseError || j.data === undefined) return verdict("fail", expected, j.parseError ?? "no data in the answer", [transcript]);
  return undefined;
}

const promShape = { namespace, service: name, port: z.number().int().positive() };

type Targets = { activeTargets: { labels: Record<string, string>; scrapeUrl?: string; health: string; lastError?: string }[] };

export const prometheusTargets = defineCheck(checkSchemaOf("prometheusTargets", { ...promShape, jobs: z.array(name).min(1) }), {
  fetch: (reads, c) => getJson<Targets>(reads, c.namespace, c.service, c.port, "/api/v1/targets"),
  evaluate(j: Json<Targets>, c) {
    const expected = `Prometheus scrapes ${c.jobs.join(", ")} and each has a target UP`;
    const bad = unusable(j, expected, c.namespace, c.service, c.port, "/api/v1/targets");
    if (bad) return bad;
    const targets = j.data!.activeTargets ?? [];
    const rows = targets.map((t) => [t.labels.job ?? "", t.scrapeUrl ?? t.labels.instance ?? "", t.health.toUpperCase(), t.lastError || "-"]);
    const down = c.jobs.filter((job) => !targets.some((t) => t.labels.job === job && t.health === "up"));
    const table_ = evidence("Prometheus targets (Status > Targets)", rows.length ? table(["JOB", "ENDPOINT", "STATE", "LAST ERROR"], rows) : "no active targets");
    return verdict(down.length ? "fail" : "pass", expected, down.length ? `no target UP for ${down.join(", ")}` : `${c.jobs.join(", ")} UP`, [table_], `port-forward to pod/${j.http.pod}:${j.http.targetPort}`);
  },
  lint: (c, pack) => lintService(c.service, c.port, pack),
});

type Rules = { groups: { name: string; rules: { type: string; name: string; health?: string; lastError?: string; state?: string; lastEvaluation?: string }[] }[] };

const alertingRules = (r: Rules) => (r.groups ?? []).flatMap((g) => g.rules.filter((x) => x.type === "alerting").map((x) => ({ ...x, group: g.name })));

export const prometheusRules = defineCheck(checkSchemaOf("prometheusRules", { ...promShape, alerts: z.array(name).min(1) }), {
  fetch: (reads, c) => getJson<Rules>(reads, c.namespace, c.service, c.port, "/api/v1/rules"),
  evaluate(j: Json<Rules>, c) {
    const expected = `Prometheus has loaded the alerting rules ${c.alerts.join(", ")} and evaluates them without errors`;
    const bad = unusable(j, expected, c.namespace, c.service, c.port, "/api/v1/rules");
    if (bad) return bad;
    const rules = alertingRules(j.data!);
    const missing = c.alerts.filter((a) => !rules.some((r) => r.name === a));
    const broken = rules.filter((r) => c.alerts.includes(r.name) && r.health && r.health !== "ok" && r.health !== "unknown");
    const items = [evidence("Prometheus rules (Status > Rules)", rules.length ? table(["GROUP", "ALERT", "STATE", "HEALTH"], rules.map((r) => [r.group, r.name, r.state ?? "-", r.health ?? "-"])) : "no alerting rules loaded")];
    const problems = [...missing.map((m) => `${m} not loaded`), ...broken.map((b) => `${b.name}: ${b.lastError ?? b.health}`)];
    return verdict(problems.length ? "fail" : "pass", expected, problems.length ? problems.join("; ") : `${c.alerts.length} alerting rules loaded and healthy`, items);
  },
  lint: (c, pack) => lintService(c.service, c.port, pack),
});

type Alertmanagers = { activeAlertmanagers: { url: string }[]; droppedAlertmanagers?: { url: string }[] };
type Pipeline = { managers: Json<Alertmanagers>; rules: Json<Rules>; alerts: Json<{ alerts: { labels: Record<string, string>; state: string }[] }>; am: ServiceHttp };

const NEVER = /^0001-01-01/;

export const alertingPipeline = defineCheck(
  checkSchemaOf("alertingPipeline", { ...promShape, alertmanagerService: name, alertmanagerPort: z.number().int().positive() }),
  {
    async fetch(reads, c): Promise<Pipeline> {
      const [managers, rules, alerts, am] = await Promise.all([
        getJson<Alertmanagers>(reads, c.namespace, c.service, c.port, "/api/v1/alertmanagers"),
        getJson<Rules>(reads, c.namespace, c.service, c.port, "/api/v1/rules"),
        getJson<{ alerts: { labels: Record<string, string>; state: string }[] }>(reads, c.namespace, c.service, c.port, "/api/v1/alerts"),
        getThroughService(reads, c.namespace, c.alertmanagerService, c.alertmanagerPort, "/api/v2/status"),
      ]);
      return { managers, rules, alerts, am };
    },
    evaluate(p: Pipeline, c) {
      const expected = "alerts are processed: Prometheus evaluates its alerting rules and sends to an active Alertmanager, which answers";
      const bad = unusable(p.managers, expected, c.namespace, c.service, c.port, "/api/v1/alertmanagers") ?? unusable(p.rules, expected, c.namespace, c.service, c.port, "/api/v1/rules");
      if (bad) return bad;
      const active = p.managers.data!.activeAlertmanagers ?? [];
      const rules = alertingRules(p.rules.data!);
      const evaluated = rules.filter((r) => r.lastEvaluation && !NEVER.test(r.lastEvaluation));
      const firing = p.alerts.data?.alerts ?? [];
      const amAnswer = p.am.answers[0];
      const amOk = amAnswer?.ok === true && amAnswer.value.status === 200;
      const problems = [
        active.length === 0 && "Prometheus has no active Alertmanager (check the alerting section of prometheus.yml)",
        rules.length === 0 && "no alerting rules are loaded",
        rules.length > 0 && evaluated.length === 0 && "the alerting rules have not been evaluated yet",
        !amOk && `Alertmanager ${c.alertmanagerService} does not answer /api/v2/status`,
      ].filter((x): x is string => typeof x === "string");
      const items = [
        evidence("Prometheus: Status > Runtime & Build Information > Alertmanagers", active.map((a) => a.url).join("\n") || "none"),
        evidence("Prometheus: Alerts", `${rules.length} alerting rules, ${evaluated.length} evaluated; ${firing.length} active alerts${firing.length ? `:\n${firing.map((a) => `${a.labels.alertname} (${a.state})`).join("\n")}` : ""}`),
        httpTranscript(p.am, c.namespace, c.alertmanagerService, c.alertmanagerPort, "/api/v2/status"),
      ];
      return verdict(problems.length ? "fail" : "pass", expected, problems.length ? problems.join("; ") : `${active.length} Alertmanager(s) active, ${evaluated.length} rules evaluated, ${firing.length} alerts active`, items);
    },
    lint: (c, pack) => [...lintService(c.service, c.port, pack), ...lintService(c.alertmanagerService, c.alertmanagerPort, pack)],
  },
);

