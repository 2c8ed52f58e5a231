import { describe, expect, it } from "vitest";
import type { HttpProbe } from "@/lib/k8s/http-probe";
import { failure } from "@/lib/k8s/result";
import { NS, answer, courseCheck, evidenceOf, forbidden, recordedCluster, suiteCheck } from "./__fixtures__/recorded";
import { alertingPipeline, prometheusRules, prometheusTargets } from "./prometheus";

// Prometheus and Alertmanager do not run on kwok pods. Their answers are written in the shape the HTTP API
// documentation gives (prometheus.io/docs/prometheus/latest/querying/api/, Alertmanager's OpenAPI v2), for the
// course's prometheus.yml and ecommerce-alerts.yml.
const target = (job: string, instance: string, health: "up" | "down", lastError = "", extra: Record<string, string> = {}) => ({
  discoveredLabels: { __address__: instance, __metrics_path__: "/metrics", __scheme__: "http", job },
  labels: { instance, job, ...extra },
  scrapePool: job,
  scrapeUrl: `http://${instance}/metrics`,
  globalUrl: `http://${instance}/metrics`,
  lastError,
  lastScrape: "2026-12-01T10:05:12.417Z",
  lastScrapeDuration: 0.004,
  health,
  scrapeInterval: "15s",
  scrapeTimeout: "10s",
});
const targets = (...active: ReturnType<typeof target>[]) => JSON.stringify({ status: "success", data: { activeTargets: active, droppedTargets: [] } });
const SELF = target("prometheus", "localhost:9090", "up");
const BACKEND_UP = target("ecommerce-backend", "ecommerce-backend-service:8000", "up", "", { app: "ecommerce", component: "backend" });
const BACKEND_DOWN = target("ecommerce-backend", "ecommerce-backend-service:8000", "down", 'Get "http://ecommerce-backend-service:8000/metrics": dial tcp 10.0.0.167:8000: connect: connection refused', { app: "ecommerce", component: "backend" });
const KSM_DOWN = target("kube-state-metrics", "kube-state-metrics.kube-system.svc:8080", "down", 'Get "http://kube-state-metrics.kube-system.svc:8080/metrics": dial tcp: lookup kube-state-metrics.kube-system.svc on 10.0.0.10:53: no such host');

const NEVER = "0001-01-01T00:00:00Z";
const rule = (name: string, lastEvaluation: string, health = "ok", lastError?: string) => ({ state: "inactive", name, query: "up == 0", duration: 120, labels: { severity: "critical" }, annotations: {}, alerts: [], health, ...(lastError ? { lastError } : {}), evaluationTime: 0.0003, lastEvaluation, type: "alerting" });
const rules = (evaluatedAt: string, overrides: Record<string, ReturnType<typeof rule>> = {}) =>
  JSON.stringify({
    status: "success",
    data: {
      groups: [
        { name: "ecommerce-application", file: "/etc/prometheus-rules/ecommerce-alerts.yml", interval: 15, limit: 0, rules: ["BackendDown", "HighRequestLatency", "HighErrorRate"].map((n) => overrides[n] ?? rule(n, evaluatedAt, evaluatedAt === NEVER ? "unknown" : "ok")), evaluationTime: 0.001, lastEvaluation: evaluatedAt },
        { name: "ecommerce-kubernetes", file: "/etc/prometheus-rules/ecommerce-alerts.yml", interval: 15, limit: 0, rules: ["PodRestartingFrequently", "NodeNotReady", "KubeStateMetricsMissing"].map((n) => rule(n, evaluatedAt, evaluatedAt === NEVER ? "unknown" : "ok")), evaluationTime: 0.001, lastEvaluation: evaluatedAt },
      ],
    },
  });
const NO_RULES = JSON.stringify({ status: "success", data: { groups: [] } });
const managers = (...urls: string[]) => JSON.stringify({ status: "success", data: { activeAlertmanagers: urls.map((url) => ({ url })), droppedAlertmanagers: [] } });
const ALERTS = JSON.stringify({ status: "success", data: { alerts: [{ labels: { alertname: "KubeStateMetricsMissing", severity: "warning" }, annotations: { summary: "kube-state-metrics is not scraped" }, state: "pending", activeAt: "2026-12-01T10:04:57Z", value: "1e+00" }] } });
const AM_STATUS = JSON.stringify({ cluster: { name: "01JE5Q3VJ0Z9", peers: [{ address: "10.222.0.21:9094", name: "01JE5Q3VJ0Z9" }], status: "ready" }, config: { original: "global:\n  resolve_timeout: 5m\n" }, uptime: "2026-12-01T09:55:00.000Z", versionInfo: { branch: "HEAD", buildDate: "20240228-11:51:20", buildUser: "root@22cd11f671e9", goVersion: "go1.21.7", revision: "0aa3c2aad14cff039931923ab16b26b7481783b5", version: "0.27.0" } });

type Routes = Record<string, ReturnType<typeof answer> | ReturnType<typeof failure>>;
/** Services and pods as recorded with the monitoring stack; each path answers what the test says. */
const cluster = (routes: Routes) =>
  recordedCluster({ Service: "day09-services", Pod: "monitoring-pods" }, (p: HttpProbe) => {
    const key = `${p.pod.replace(/-deployment-.*/, "")}${p.path}`;
    return routes[key] ?? failure("notFound", `no answer recorded for ${key}`);
  });

describe("prometheusTargets", () => {
  const check = courseCheck("prometheusTargets", "d11-s1", "prometheus-targets-up");

  it("passes when the backend job has a target UP, shown like Status > Targets", async () => {
    const f = await prometheusTargets.fetch(cluster({ "prometheus/api/v1/targets": answer(200, targets(SELF, BACKEND_UP, KSM_DOWN)) }), check);
    const v = prometheusTargets.evaluate(f, check);
    expect(v).toMatchObject({ status: "pass", actual: "ecommerce-backend UP" });
    expect(v.via).toMatch(/^port-forward to pod\/prometheus-deployment-\S+:9090$/);
    const shown = evidenceOf(v, "Prometheus targets (Status > Targets)");
    expect(shown.split("\n")[0]).toMatch(/^JOB\s+ENDPOINT\s+STATE\s+LAST ERROR$/);
    expect(shown).toMatch(/ecommerce-backend\s+http:\/\/ecommerce-backend-service:8000\/metrics\s+UP\s+-/);
    expect(shown).toMatch(/kube-state-metrics\s+\S+\s+DOWN\s+Get .*no such host/);
  });

  it("fails when Prometheus scrapes only itself", async () => {
    const v = prometheusTargets.evaluate(await prometheusTargets.fetch(cluster({ "prometheus/api/v1/targets": answer(200, targets(SELF)) }), check), check);
    expect(v).toMatchObject({ status: "fail", actual: "no target UP for ecommerce-backend" });
    expect(evidenceOf(v, "Prometheus targets")).toMatch(/prometheus\s+http:\/\/localhost:9090\/metrics\s+UP/);
  });

  it("fails when the backend target is DOWN, with Prometheus's scrape error", async () => {
    const v = prometheusTargets.evaluate(await prometheusTargets.fetch(cluster({ "prometheus/api/v1/targets": answer(200, targets(SELF, BACKEND_DOWN)) }), check), check);
    expect(v).toMatchObject({ status: "fail", actual: "no target UP for ecommerce-backend" });
    expect(evidenceOf(v, "Prometheus targets")).toContain("connect: connection refused");
  });

  it("fails when what answers is not Prometheus's API", async () => {
    expect(prometheusTargets.evaluate(await prometheusTargets.fetch(cluster({ "prometheus/api/v1/targets": answer(404, "404 page not found\n", "text/plain") }), check), check)).toMatchObject({ status: "fail", actual: "HTTP 404 from /api/v1/targets" });
    expect(prometheusTargets.evaluate(await prometheusTargets.fetch(cluster({ "prometheus/api/v1/targets": answer(200, "<html>Grafana</html>", "text/html") }), check), check)).toMatchObject({ status: "fail", actual: "the answer is not Prometheus API JSON" });
  });

  it("fails, without waiting, when the Service does not exist (the day-18 'prometheus:9090' mistake)", async () => {
    const wrong = { ...check, service: "prometheus" };
    const v = prometheusTargets.evaluate(await prometheusTargets.fetch(cluster({}), wrong), wrong);
    expect(v).toMatchObject({ status: "fail", final: true, actual: `Service prometheus not found in ${NS}` });
  });

  it("is an error when the Service may not be read", () => {
    expect(prometheusTargets.evaluate({ http: { service: forbidden(), answers: [] } }, check).status).toBe("error");
  });

  it("is an error, not a failure of the step, when Daybook may not port-forward", async () => {
    const v = prometheusTargets.evaluate(await prometheusTargets.fetch(cluster({ "prometheus/api/v1/targets": forbidden() }), check), check);
    expect(v.status).toBe("error");
    expect(v.actual).toMatch(/^pods is forbidden/);
  });
});

describe("prometheusRules", () => {
  const check = courseCheck("prometheusRules", "d12-s2", "alerting-rules-loaded");
  const run = async (body: string) => prometheusRules.evaluate(await prometheusRules.fetch(cluster({ "prometheus/api/v1/rules": answer(200, body) }), check), check);

  it("passes when the course's alerting rules are loaded and healthy, listed like Status > Rules", async () => {
    const v = await run(rules("2026-12-01T10:05:01.123Z"));
    expect(v).toMatchObject({ status: "pass", actual: "3 alerting rules loaded and healthy" });
    expect(evidenceOf(v, "Prometheus rules (Status > Rules)")).toMatch(/^GROUP\s+ALERT\s+STATE\s+HEALTH\necommerce-application\s+BackendDown\s+inactive\s+ok/);
  });

  it("passes for loaded rules that were not evaluated yet (health unknown)", async () => {
    expect((await run(rules(NEVER))).status).toBe("pass");
  });

  it("fails when the rule file is not loaded", async () => {
    const v = await run(NO_RULES);
    expect(v).toMatchObject({ status: "fail", actual: "BackendDown not loaded; HighRequestLatency not loaded; HighErrorRate not loaded" });
    expect(evidenceOf(v, "Prometheus rules")).toBe("no alerting rules loaded");
  });

  it("fails naming a rule Prometheus cannot evaluate, with its error", async () => {
    const broken = rule("HighErrorRate", "2026-12-01T10:05:01.123Z", "err", "found duplicate series for the match group {} on the right hand-side of the operation");
    expect(await run(rules("2026-12-01T10:05:01.123Z", { HighErrorRate: broken }))).toMatchObject({ status: "fail", actual: "HighErrorRate: found duplicate series for the match group {} on the right hand-side of the operation" });
  });

  it("fails when one course rule is missing", async () => {
    const withoutLatency = JSON.parse(rules("2026-12-01T10:05:01.123Z")) as { data: { groups: { rules: { name: string }[] }[] } };
    withoutLatency.data.groups[0]!.rules = withoutLatency.data.groups[0]!.rules.filter((r) => r.name !== "HighRequestLatency");
    expect(await run(JSON.stringify(withoutLatency))).toMatchObject({ status: "fail", actual: "HighRequestLatency not loaded" });
  });

  it("is an error when Daybook may not port-forward to Prometheus", async () => {
    expect(prometheusRules.evaluate(await prometheusRules.fetch(cluster({ "prometheus/api/v1/rules": forbidden() }), check), check).status).toBe("error");
  });

  it("is a suite check too (run-tests --type=monitoring)", async () => {
    const suite = suiteCheck("prometheusRules", "run-tests", ["--type=monitoring"], "alert-rules");
    expect(prometheusRules.evaluate(await prometheusRules.fetch(cluster({ "prometheus/api/v1/rules": answer(200, rules(NEVER)) }), suite), suite).status).toBe("pass");
  });
});

describe("alertingPipeline", () => {
  const check = courseCheck("alertingPipeline", "d15-s2", "alerts-processed");
  const healthy: Routes = {
    "prometheus/api/v1/alertmanagers": answer(200, managers("http://10.0.0.21:9093/api/v2/alerts")),
    "prometheus/api/v1/rules": answer(200, rules("2026-12-01T10:05:01.123Z")),
    "prometheus/api/v1/alerts": answer(200, ALERTS),
    "alertmanager/api/v2/status": answer(200, AM_STATUS),
  };
  const run = async (routes: Routes) => alertingPipeline.evaluate(await alertingPipeline.fetch(cluster(routes), check), check);

  it("passes when rules are evaluated and sent to an active Alertmanager that answers", async () => {
    const v = await run(healthy);
    expect(v).toMatchObject({ status: "pass", actual: "1 Alertmanager(s) active, 6 rules evaluated, 1 alerts active" });
    expect(evidenceOf(v, "Prometheus: Status > Runtime & Build Information > Alertmanagers")).toBe("http://10.0.0.21:9093/api/v2/alerts");
    expect(evidenceOf(v, "Prometheus: Alerts")).toBe("6 alerting rules, 6 evaluated; 1 active alerts:\nKubeStateMetricsMissing (pending)");
  });

  it("fails when no rule has been evaluated yet", async () => {
    expect(await run({ ...healthy, "prometheus/api/v1/rules": answer(200, rules(NEVER)) })).toMatchObject({ status: "fail", actual: "the alerting rules have not been evaluated yet" });
  });

  it("fails when no rules are loaded", async () => {
    expect(await run({ ...healthy, "prometheus/api/v1/rules": answer(200, NO_RULES) })).toMatchObject({ status: "fail", actual: "no alerting rules are loaded" });
  });

  it("fails when Prometheus has no active Alertmanager", async () => {
    const v = await run({ ...healthy, "prometheus/api/v1/alertmanagers": answer(200, managers()) });
    expect(v).toMatchObject({ status: "fail", actual: "Prometheus has no active Alertmanager (check the alerting section of prometheus.yml)" });
    expect(evidenceOf(v, "Prometheus: Status > Runtime & Build Information > Alertmanagers")).toBe("none");
  });

  it("fails when Alertmanager does not answer /api/v2/status", async () => {
    const down = { ...healthy, "alertmanager/api/v2/status": failure("unreachable", "error forwarding port 9093 to pod: connection refused") };
    expect(await run(down)).toMatchObject({ status: "fail", actual: "Alertmanager alertmanager-service does not answer /api/v2/status" });
  });

  it("is an error when the Prometheus Service may not be read", async () => {
    const v = alertingPipeline.evaluate({ ...(await alertingPipeline.fetch(cluster(healthy), check)), managers: { http: { service: forbidden(), answers: [] } } }, check);
    expect(v.status).toBe("error");
  });

  it("passes with zero active alerts once the rules are evaluated (nothing needs to fire)", async () => {
    const quiet = { ...healthy, "prometheus/api/v1/alerts": answer(200, JSON.stringify({ status: "success", data: { alerts: [] } })) };
    expect(await run(quiet)).toMatchObject({ status: "pass", actual: "1 Alertmanager(s) active, 6 rules evaluated, 0 alerts active" });
  });
});
