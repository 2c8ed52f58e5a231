/**
 * The pack defines everything the guide's commands (course/plan/days/*.yaml)
 * and the plan's checks use: files, resource names, label selectors,
 * containers, ports, service accounts, suites and flags, doc sections.
 * No cluster; reads the plan YAML directly.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { loadManifests, type ManifestObject } from "./manifests";
import { defaultCourseDir } from "@/lib/course/load";

const COURSE_DIR = defaultCourseDir();
import { podResources, containersMissingResources, parseQuantity, type PodSpecLike } from "./resources";

// ---------- the plan ----------
interface Substep { commands?: string[] }
interface Check { [k: string]: unknown; id: string; kind: string }
interface Step { number: string; substeps: Substep[]; applies?: string[]; references?: Array<{ path: string; section?: string }>; checks?: Check[] }
interface Day { day: number; steps: Step[] }

const PLAN_DIR = path.join(COURSE_DIR, "plan", "days");
const days: Day[] = readdirSync(PLAN_DIR)
  .filter((f) => /^day-\d\d\.yaml$/.test(f))
  .sort()
  .map((f) => yaml.load(readFileSync(path.join(PLAN_DIR, f), "utf8")) as Day);
const steps = days.flatMap((d) => d.steps);
const commands = steps.flatMap((s) => s.substeps.flatMap((ss) => ss.commands ?? [])).map((c) => c.replace(/\\\n\s*/g, " "));
const checks = steps.flatMap((s) => s.checks ?? []);

// ---------- the pack ----------
const manifestFiles = [
  ...readdirSync(path.join(COURSE_DIR, "k8s-manifests")).map((f) => `k8s-manifests/${f}`),
  ...readdirSync(path.join(COURSE_DIR, "monitoring")).map((f) => `monitoring/${f}`),
].filter((f) => f.endsWith(".yaml"));
const byFile = new Map(manifestFiles.map((f) => [f, loadManifests(f)] as const));
const all: ManifestObject[] = [...byFile.values()].flat();
const find = (kind: string, name: string) => all.filter((o) => o.kind === kind && o.metadata.name === name);

type Container = PodSpecLike["containers"][number] & { ports?: Array<{ containerPort: number; name?: string }>; image?: string; command?: string[] };
type PodTemplate = { metadata: { labels: Record<string, string> }; spec: { containers: Container[]; initContainers?: Container[] } };
const template = (d: ManifestObject) => (d.spec as { template: PodTemplate }).template;
const deployments = all.filter((o) => o.kind === "Deployment");
const podLabelSets = deployments.map((d) => template(d).metadata.labels);

function matchesSelector(labels: Record<string, string>, selector: string): boolean {
  // supports k=v and "k in (a,b)" terms separated by commas outside parentheses
  const terms = selector.match(/[^,()]+(?:\([^)]*\))?/g) ?? [];
  return terms.every((raw) => {
    const t = raw.trim();
    const inMatch = /^(\S+)\s+in\s+\(([^)]*)\)$/.exec(t);
    if (inMatch) return inMatch[2]!.split(",").map((v) => v.trim()).includes(labels[inMatch[1]!] ?? "\u0000");
    const [k, v] = t.split("=");
    return labels[k!.trim()] === v!.trim();
  });
}
function containerNames(deploymentName: string): Set<string> {
  const names = new Set<string>();
  for (const d of find("Deployment", deploymentName)) {
    const spec = template(d).spec;
    for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) names.add(c.name);
  }
  return names;
}
function servicePort(name: string, port: number): boolean {
  return find("Service", name).some((s) => ((s.spec as { ports: Array<{ port: number }> }).ports ?? []).some((p) => p.port === port));
}
const coursePath = (p: string) => path.join(COURSE_DIR, p.replace(/^\.\//, ""));

describe("the plan is there to check against", () => {
  it("has 20 days and the commands of Steps 1.1 to 20.2", () => {
    expect(days.map((d) => d.day)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(steps[0]!.number).toBe("1.1");
    expect(steps.at(-1)!.number).toBe("20.2");
    expect(commands.length).toBeGreaterThan(60);
  });
});

describe("files the guide applies, runs or references exist", () => {
  it("every `-f <file>` of kubectl apply / helm", () => {
    const files = commands.flatMap((c) => [...c.matchAll(/(?:^|\s)-f\s+(\S+)/g)].map((m) => m[1]!));
    expect(files.length).toBeGreaterThanOrEqual(22);
    for (const f of files) expect(existsSync(coursePath(f)), f).toBe(true);
  });
  it("every step's applies/references path (and doc section)", () => {
    for (const s of steps) {
      for (const p of s.applies ?? []) expect(existsSync(coursePath(p)), `${s.number} applies ${p}`).toBe(true);
      for (const r of s.references ?? []) {
        expect(existsSync(coursePath(r.path)), `${s.number} references ${r.path}`).toBe(true);
        if (r.section) {
          const doc = readFileSync(coursePath(r.path), "utf8");
          expect(doc, `${r.path} section ${r.section}`).toMatch(new RegExp(`^#+\\s+${r.section.replace(".", "\\.")}\\s`, "m"));
        }
      }
    }
  });
  it("the helm chart the guide installs is a chart, with the production values", () => {
    const helm = commands.find((c) => c.startsWith("helm install"))!;
    const [, , release, chart] = helm.split(/\s+/);
    expect(release).toBe("ecommerce-prod");
    const chartYaml = yaml.load(readFileSync(path.join(coursePath(chart!), "Chart.yaml"), "utf8")) as { apiVersion: string; name: string };
    expect(chartYaml.apiVersion).toBe("v2");
    expect(existsSync(path.join(coursePath(chart!), "templates"))).toBe(true);
  });
  it("every ./validation script is executable and a suite in suites.yaml accepting its flags", () => {
    const suites = yaml.load(readFileSync(coursePath("validation/suites.yaml"), "utf8")) as {
      flags: Record<string, { type: string }>;
      suites: Array<{ id: string; script: string; flags: string[]; checks: unknown[] }>;
    };
    const runs = commands.filter((c) => c.startsWith("./validation/"));
    expect(runs.length).toBeGreaterThanOrEqual(9);
    for (const run of runs) {
      const [script, ...args] = run.split(/\s+/);
      const file = coursePath(script!);
      expect(statSync(file).mode & 0o111, `${script} executable`).toBeTruthy();
      const suite = suites.suites.find((s) => `./validation/${s.script}` === script);
      expect(suite, script).toBeDefined();
      expect(suite!.checks.length).toBeGreaterThan(0);
      for (const a of args) {
        const flag = /^--([a-z]+)/.exec(a)![1]!;
        expect(suite!.flags, `${script} ${a}`).toContain(flag);
        expect(suites.flags[flag], flag).toBeDefined();
      }
    }
    // every suite the plan's checks call exists too
    for (const c of checks.filter((c) => c.kind === "validationSuite")) {
      expect(suites.suites.map((s) => s.id)).toContain(c.suite);
    }
  });
});

describe("resource names the guide's commands use are defined by the pack", () => {
  it("deployment/<name> (logs, exec, set image, rollout) and -c <container>", () => {
    const refs = commands.flatMap((c) => [...c.matchAll(/deployment\/([a-z0-9-]+)(?:\s+-c\s+([a-z0-9-]+))?/g)]);
    expect(refs.length).toBeGreaterThan(10);
    for (const [, name, container] of refs) {
      expect(find("Deployment", name!).length, `Deployment ${name}`).toBeGreaterThan(0);
      if (container) expect([...containerNames(name!)], `${name} -c ${container}`).toContain(container);
    }
  });
  it("kubectl set image CONTAINER=IMAGE names a container of that deployment, and the image is documented", () => {
    const images = readFileSync(coursePath("images.yaml"), "utf8");
    for (const c of commands.filter((c) => c.includes("set image"))) {
      const m = /deployment\/(\S+)\s+([a-z0-9-]+)=(\S+)/.exec(c)!;
      expect([...containerNames(m[1]!)]).toContain(m[2]);
      expect(images).toContain(m[3]);
    }
  });
  it("service/<name> L:R port-forwards hit a Service port", () => {
    const refs = commands.flatMap((c) => [...c.matchAll(/service\/([a-z0-9-]+)\s+\d+:(\d+)/g)]);
    expect(refs.length).toBeGreaterThanOrEqual(6);
    for (const [, name, port] of refs) expect(servicePort(name!, Number(port)), `${name}:${port}`).toBe(true);
  });
  it("in-cluster curl targets: allowed ones exist, the blocked one does not", () => {
    for (const c of commands.filter((c) => / -- curl [a-z]/.test(c))) {
      const m = / -- curl ([a-z0-9-]+):(\d+)/.exec(c);
      if (!m || m[1] === "localhost") continue; // localhost: the sidecar test below
      if (m[1] === "prometheus") {
        // Day 18 expects this to be blocked: there is no such service and
        // the frontend's egress policy only allows the backend
        expect(find("Service", "prometheus")).toHaveLength(0);
      } else {
        expect(servicePort(m[1]!, Number(m[2])), c).toBe(true);
      }
    }
  });
  it("describe <kind> <name> targets exist with that kind", () => {
    const kinds: Record<string, string> = {
      configmap: "ConfigMap", secret: "Secret", resourcequota: "ResourceQuota", hpa: "HorizontalPodAutoscaler",
      vpa: "VerticalPodAutoscaler", namespace: "Namespace",
    };
    const refs = commands.flatMap((c) => [...c.matchAll(/describe (\w+) ([a-z0-9-]+)/g)]).filter(([, k]) => k! in kinds);
    expect(refs.length).toBeGreaterThanOrEqual(9);
    for (const [, k, name] of refs) expect(find(kinds[k!]!, name!).length, `${k} ${name}`).toBeGreaterThan(0);
  });
  it("-l selectors match pods of the pack (labels added by `kubectl label` count)", () => {
    const addedByLabelCmd = commands.flatMap((c) => [...c.matchAll(/kubectl label \w+ .*--all (\S+=\S+)/g)].map((m) => m[1]!));
    expect(addedByLabelCmd).toEqual(expect.arrayContaining(["environment=production", "tier=application"]));
    const selectors = commands.flatMap((c) => [...c.matchAll(/-l\s+('([^']+)'|(\S+))/g)].map((m) => m[2] ?? m[3]!));
    expect(selectors.length).toBeGreaterThan(10);
    for (const sel of selectors) {
      if (addedByLabelCmd.includes(sel)) continue;
      expect(podLabelSets.some((l) => matchesSelector(l, sel)), `-l ${sel}`).toBe(true);
    }
  });
  it("the manifests do not pre-set labels that Day 9's `kubectl label` (no --overwrite) would then reject", () => {
    for (const o of all) {
      expect(o.metadata.labels?.tier, `${o.kind}/${o.metadata.name}`).toBeUndefined();
      if (o.kind === "Deployment") expect(template(o).metadata.labels.environment).toBeUndefined();
    }
  });
  it("psql -U postgres -d ecommerce matches the database config", () => {
    const cfg = find("ConfigMap", "ecommerce-database-config")[0]!.data as Record<string, string>;
    for (const c of commands.filter((c) => c.includes("psql"))) {
      const m = /-U (\S+) -d (\S+)/.exec(c)!;
      expect([cfg.POSTGRES_USER, cfg.POSTGRES_DB]).toEqual([m[1], m[2]]);
    }
    expect(template(find("Deployment", "ecommerce-database-deployment")[0]!).spec.containers[0]!.image).toMatch(/^postgres:/);
  });
  it("service accounts the guide creates or impersonates, with the RBAC the guide expects", () => {
    const created = commands.flatMap((c) => [...c.matchAll(/create serviceaccount (\S+)/g)].map((m) => m[1]!));
    const impersonated = commands.flatMap((c) => [...c.matchAll(/--as=system:serviceaccount:[^:]+:(\S+)/g)].map((m) => m[1]!));
    expect(created).toEqual(expect.arrayContaining(["prometheus", "grafana"]));
    for (const sa of [...created, ...impersonated]) expect(find("ServiceAccount", sa), sa).toHaveLength(1);
    // what the ServiceAccount prometheus may do, from the pack's Roles
    const rbac = loadManifests("k8s-manifests/09-rbac.yaml");
    const roles = rbac
      .filter((o) => o.kind === "RoleBinding" && (o.subjects as Array<{ kind: string; name: string }>).some((s) => s.kind === "ServiceAccount" && s.name === "prometheus"))
      .map((b) => rbac.find((r) => r.kind === "Role" && r.metadata.name === (b.roleRef as { name: string }).name)!);
    const can = (verb: string, resource: string) =>
      roles.some((r) => (r.rules as Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }>).some((rule) => rule.apiGroups.includes("") && (rule.resources.includes(resource) || rule.resources.includes("*")) && (rule.verbs.includes(verb) || rule.verbs.includes("*"))));
    for (const c of commands.filter((c) => c.includes("auth can-i"))) {
      const [, verb, resource] = /can-i (\S+) (\S+)/.exec(c)!;
      const check = checks.find((k) => k.kind === "canI" && k.verb === verb && k.resource === resource)!;
      expect(can(verb!, resource!), c).toBe(check.expect);
    }
  });
  it("production hosts the guide curls are the chart's ingress hosts", () => {
    const values = readFileSync(coursePath("environments/production/values.yaml"), "utf8");
    const hosts = new Set(commands.flatMap((c) => [...c.matchAll(/https:\/\/([a-z.]+)\//g)].map((m) => m[1]!)));
    expect(hosts).toContain("ecommerce.company.com");
    for (const h of hosts) expect(values).toContain(`host: ${h}`);
    expect(values).toContain("host: monitoring.company.com");
  });
  it("the sidecar listens on 8080 and its config answers /health", () => {
    for (const f of ["k8s-manifests/07-multi-container-pods.yaml", "k8s-manifests/08-init-containers.yaml"]) {
      const d = byFile.get(f)!.find((o) => o.kind === "Deployment")!;
      const sidecar = template(d).spec.containers.find((c) => c.name === "sidecar")!;
      expect(sidecar.ports!.map((p) => p.containerPort)).toContain(8080);
    }
    const conf = (find("ConfigMap", "ecommerce-backend-sidecar-config")[0]!.data as Record<string, string>)["default.conf"]!;
    expect(conf).toMatch(/listen 8080;/);
    expect(conf).toMatch(/location = \/health/);
  });
});

describe("the plan's checks name things the pack defines", () => {
  const kindOf: Record<string, string> = {};
  it("resourceExists / deploymentAvailable / hpaExists / vpaExists / podContainers / execSucceeds / podLogsContain", () => {
    let n = 0;
    for (const c of checks) {
      if (String(c.name ?? c.deployment ?? "").startsWith("ecommerce-prod")) continue; // the Helm release's, linted from the chart
      if (c.kind === "resourceExists" && c.name) {
        expect(find(c.resourceKind as string, c.name as string).length, c.id).toBeGreaterThan(0); n++;
      } else if (c.kind === "resourceExists") {
        if (c.resourceKind === "Ingress") continue; // the chart's, checked by the chart test
        expect(all.some((o) => o.kind === c.resourceKind), c.id).toBe(true); n++;
      }
      if (c.kind === "deploymentAvailable") { expect(find("Deployment", c.name as string).length, c.id).toBeGreaterThan(0); n++; }
      if (c.kind === "hpaExists") { expect(find("HorizontalPodAutoscaler", c.name as string)).toHaveLength(1); n++; }
      if (c.kind === "vpaExists") { expect(find("VerticalPodAutoscaler", c.name as string)).toHaveLength(1); n++; }
      if (c.kind === "podContainers" || c.kind === "execSucceeds" || c.kind === "podLogsContain") {
        const names = containerNames(c.deployment as string);
        expect(names.size, c.id).toBeGreaterThan(0);
        for (const x of [...((c.containers as string[]) ?? []), ...((c.initContainersCompleted as string[]) ?? []), ...(c.container ? [c.container as string] : [])]) {
          expect([...names], `${c.id}: ${x}`).toContain(x);
        }
        n++;
      }
      if (c.kind === "podsReady" || c.kind === "labelSelectorMatches") {
        if (c.resource && c.resource !== "pods") continue;
        const sel = c.selector as string;
        if (sel === "environment=production") continue; // added by Day 9's kubectl label
        expect(podLabelSets.some((l) => matchesSelector(l, sel)), `${c.id}: ${sel}`).toBe(true); n++;
      }
    }
    expect(n).toBeGreaterThan(30);
    void kindOf;
  });
  it("HTTP checks (through a port-forward) name Services and ports that exist", () => {
    const http = checks.filter((c) => ["http", "prometheusTargets", "prometheusRules", "alertingPipeline"].includes(c.kind));
    expect(http.length).toBeGreaterThan(10);
    for (const c of http) expect(servicePort(c.service as string, c.port as number), `${c.id} ${c.service}:${c.port}`).toBe(true);
  });
  it("init-db logs the line the plan looks for", () => {
    const c = checks.find((c) => c.kind === "podLogsContain" && c.container === "init-db")!;
    const d = byFile.get("k8s-manifests/08-init-containers.yaml")!.find((o) => o.kind === "Deployment")!;
    const init = template(d).spec.initContainers!.find((i) => i.name === "init-db")!;
    expect(init.command!.join(" ")).toMatch(new RegExp(c.pattern as string));
  });
});

describe("the pack is internally consistent", () => {
  it("every object lives in namespace ecommerce (the Namespace itself aside)", () => {
    for (const o of all) if (o.kind !== "Namespace") expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe("ecommerce");
  });
  it("07 and 08 redefine the backend as a superset of 04 (same app container, same pod labels)", () => {
    const base = template(find("Deployment", "ecommerce-backend-deployment")[0]!);
    const app = base.spec.containers.find((c) => c.name === "ecommerce-backend");
    for (const f of ["k8s-manifests/07-multi-container-pods.yaml", "k8s-manifests/08-init-containers.yaml"]) {
      const t = template(byFile.get(f)!.find((o) => o.kind === "Deployment")!);
      expect(t.metadata.labels).toEqual(base.metadata.labels);
      expect(t.spec.containers.find((c) => c.name === "ecommerce-backend")).toEqual(app);
      expect(t.spec.containers.map((c) => c.name)).toEqual(["ecommerce-backend", "sidecar"]);
    }
    expect(template(byFile.get("k8s-manifests/08-init-containers.yaml")!.find((o) => o.kind === "Deployment")!).spec.initContainers!.map((c) => c.name)).toEqual(["init-db"]);
  });
  it("every Service selects the pods of some Deployment and targets a named container port", () => {
    for (const s of all.filter((o) => o.kind === "Service")) {
      const sel = (s.spec as { selector: Record<string, string> }).selector;
      const d = deployments.find((d) => Object.entries(sel).every(([k, v]) => template(d).metadata.labels[k] === v));
      expect(d, s.metadata.name).toBeDefined();
      const ports = template(d!).spec.containers.flatMap((c) => c.ports ?? []).map((p) => p.name);
      for (const p of (s.spec as { ports: Array<{ targetPort: string }> }).ports) expect(ports, s.metadata.name).toContain(p.targetPort);
    }
  });
  it("every container has cpu/memory requests and limits, within the LimitRange", () => {
    const lr = find("LimitRange", "ecommerce-limit-range")[0]!.spec as { limits: Array<{ type: string; max?: Record<string, string> }> };
    const max = lr.limits.find((l) => l.type === "Container")!.max!;
    for (const d of deployments) {
      const spec = template(d).spec;
      expect(containersMissingResources(spec), d.metadata.name).toEqual([]);
      for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
        expect(parseQuantity(c.resources!.limits!.cpu!)).toBeLessThanOrEqual(parseQuantity(max.cpu!));
        expect(parseQuantity(c.resources!.limits!.memory!)).toBeLessThanOrEqual(parseQuantity(max.memory!));
      }
    }
  });
  it("Deployments keep serving during updates (maxUnavailable 0) and the database uses Recreate", () => {
    for (const d of deployments) {
      const strategy = (d.spec as { strategy: { type: string; rollingUpdate?: { maxUnavailable: number } } }).strategy;
      if (d.metadata.name === "ecommerce-database-deployment") expect(strategy.type).toBe("Recreate");
      else expect(strategy.rollingUpdate?.maxUnavailable, d.metadata.name).toBe(0);
    }
  });
  it("secrets hold only the __GENERATED__ placeholder", () => {
    for (const s of all.filter((o) => o.kind === "Secret")) {
      expect(s.data, s.metadata.name).toBeUndefined();
      for (const v of Object.values(s.stringData as Record<string, string>)) expect(v).toBe("__GENERATED__");
    }
  });
  it("Prometheus scrapes the backend service and loads the alert rules the brief asks for", () => {
    const prom = (find("ConfigMap", "prometheus-config")[0]!.data as Record<string, string>)["prometheus.yml"]!;
    const cfg = yaml.load(prom) as { scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>; rule_files: string[] };
    const backend = cfg.scrape_configs.find((j) => j.job_name === "ecommerce-backend")!;
    expect(backend.static_configs[0]!.targets).toEqual(["ecommerce-backend-service:8000"]);
    const rules = yaml.load((find("ConfigMap", "prometheus-alerting-config")[0]!.data as Record<string, string>)["ecommerce-alerts.yml"]!) as { groups: Array<{ rules: Array<{ alert: string }> }> };
    const names = rules.groups.flatMap((g) => g.rules.map((r) => r.alert));
    expect(names).toEqual(expect.arrayContaining(["PodRestartingFrequently", "HighRequestLatency", "HighErrorRate", "NodeNotReady"]));
    const mount = template(find("Deployment", "prometheus-deployment")[0]!).spec.containers[0] as unknown as { volumeMounts: Array<{ name: string; mountPath: string }> };
    const rulesDir = mount.volumeMounts.find((m) => m.name === "rules")!.mountPath;
    expect(cfg.rule_files[0]!.startsWith(rulesDir)).toBe(true);
  });
  it("the quota admits the peak course workload plus the production release, with surge and HPA max", () => {
    const quota = (find("ResourceQuota", "ecommerce-resource-quota")[0]!.spec as { hard: Record<string, string> }).hard;
    const hpa = find("HorizontalPodAutoscaler", "ecommerce-backend-hpa")[0]!.spec as { maxReplicas: number };
    const latest = new Map<string, ManifestObject>(); // last definition wins (08 over 07 over 04)
    for (const f of manifestFiles) for (const o of byFile.get(f)!) if (o.kind === "Deployment") latest.set(o.metadata.name, o);
    let cpuReq = 0, memReq = 0, cpuLim = 0, memLim = 0, pods = 0;
    for (const d of latest.values()) {
      const spec = d.spec as { replicas: number; strategy: { type: string; rollingUpdate?: { maxSurge: number } } };
      const replicas = d.metadata.name === "ecommerce-backend-deployment" ? hpa.maxReplicas : spec.replicas;
      const n = replicas + (spec.strategy.type === "Recreate" ? 0 : spec.strategy.rollingUpdate!.maxSurge);
      const r = podResources(template(d).spec);
      cpuReq += n * r.requests.cpu; memReq += n * r.requests.memory; cpuLim += n * r.limits.cpu; memLim += n * r.limits.memory; pods += n;
    }
    // production release (environments/production/values.yaml): backend HPA max + 1, frontend + 1, database 1
    const prod = yaml.load(readFileSync(coursePath("environments/production/values.yaml"), "utf8")) as {
      backend: { autoscaling: { maxReplicas: number }; resources: { requests: Record<string, string>; limits: Record<string, string> } };
      frontend: { replicas: number; resources: { requests: Record<string, string>; limits: Record<string, string> } };
      database: { resources: { requests: Record<string, string>; limits: Record<string, string> } };
    };
    const initDb = { name: "init-db", resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } } };
    const prodPods: Array<[number, PodSpecLike]> = [
      [prod.backend.autoscaling.maxReplicas + 1, { containers: [{ name: "b", resources: prod.backend.resources }], initContainers: [initDb] }],
      [prod.frontend.replicas + 1, { containers: [{ name: "f", resources: prod.frontend.resources }] }],
      [1, { containers: [{ name: "d", resources: prod.database.resources }] }],
    ];
    for (const [n, spec] of prodPods) {
      const r = podResources(spec);
      cpuReq += n * r.requests.cpu; memReq += n * r.requests.memory; cpuLim += n * r.limits.cpu; memLim += n * r.limits.memory; pods += n;
    }
    const Mi = 2 ** 20;
    // the arithmetic documented in 01-namespace.yaml and docs/03-technical-design.md
    expect({ cpuReq: Math.round(cpuReq * 1000), memReqMi: memReq / Mi, cpuLim: Math.round(cpuLim * 1000), memLimMi: memLim / Mi, pods }).toEqual({
      cpuReq: 6870, memReqMi: 7680, cpuLim: 15100, memLimMi: 16384, pods: 32,
    });
    expect(cpuReq).toBeLessThanOrEqual(parseQuantity(quota["requests.cpu"]!));
    expect(memReq).toBeLessThanOrEqual(parseQuantity(quota["requests.memory"]!));
    expect(cpuLim).toBeLessThanOrEqual(parseQuantity(quota["limits.cpu"]!));
    expect(memLim).toBeLessThanOrEqual(parseQuantity(quota["limits.memory"]!));
    expect(pods).toBeLessThanOrEqual(Number(quota.pods));
  });
});
