/** course/validation/suites.yaml is well-formed data for the (future) runner, and matches the scripts. */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { loadManifests, PACK_APPLY_ORDER } from "./manifests";
import { defaultCourseDir } from "@/lib/course/load";
import { checkKinds } from "@/lib/checks/registry";
import { lintSuites, resolveSuite, suitesFileSchema } from "@/lib/checks/suites";

const COURSE_DIR = defaultCourseDir();

interface Flag { type: string; default: unknown; values?: string[] }
interface CheckDef { id: string; kind: string; when?: Record<string, unknown[]>; [k: string]: unknown }
interface Suite { id: string; script: string; flags: string[]; includes?: Array<{ suite: string; when?: Record<string, unknown[]> }>; checks: CheckDef[] }
const doc = yaml.load(readFileSync(path.join(COURSE_DIR, "validation/suites.yaml"), "utf8")) as { version: number; flags: Record<string, Flag>; suites: Suite[] };

const KNOWN_KINDS = new Set<string>(checkKinds);
const packNames = new Set(PACK_APPLY_ORDER.flatMap((f) => loadManifests(f)).map((o) => `${o.kind}/${o.metadata.name}`));

describe("validation suites", () => {
  it("declares the four suites the guide runs, each with a script", () => {
    expect(doc.suites.map((s) => s.id).sort()).toEqual(["health-check", "performance-test", "run-tests", "smoke-tests"]);
    for (const s of doc.suites) {
      expect(statSync(path.join(COURSE_DIR, "validation", s.script)).mode & 0o111, s.script).toBeTruthy();
      expect(s.checks.length, s.id).toBeGreaterThan(0);
    }
  });
  it("every flag has a default of its type and every enum default is allowed", () => {
    for (const [name, f] of Object.entries(doc.flags)) {
      expect(f.default, name).toBeDefined();
      if (f.type === "enum") expect(f.values, name).toContain(f.default);
      if (f.type === "duration") expect(String(f.default)).toMatch(/^\d+s$/);
    }
  });
  it("checks use known kinds, unique ids, declared flags in `when` and ${refs}", () => {
    for (const s of doc.suites) {
      const ids = s.checks.map((c) => c.id);
      expect(new Set(ids).size, s.id).toBe(ids.length);
      for (const inc of s.includes ?? []) expect(doc.suites.map((x) => x.id)).toContain(inc.suite);
      for (const c of s.checks) {
        expect(KNOWN_KINDS.has(c.kind), `${s.id}/${c.id}: ${c.kind}`).toBe(true);
        for (const key of Object.keys(c.when ?? {})) expect(s.flags, `${s.id}/${c.id} when ${key}`).toContain(key);
        for (const ref of JSON.stringify(c).matchAll(/\$\{(\w+)\}/g)) expect(s.flags, `${s.id}/${c.id} \${${ref[1]}}`).toContain(ref[1]);
      }
    }
  });
  it("course-object checks name objects the pack defines", () => {
    let n = 0;
    for (const c of doc.suites.flatMap((s) => s.checks)) {
      if (c.kind === "deploymentAvailable" && !String(c.name).startsWith("ecommerce-prod-")) { expect(packNames.has(`Deployment/${c.name}`), c.id).toBe(true); n++; }
      if (c.kind === "resourceExists" && c.resourceKind !== "Ingress") { expect(packNames.has(`${c.resourceKind}/${c.name}`), c.id).toBe(true); n++; }
      if ((c.kind === "http" || c.kind === "loadTest") && !String(c.service).startsWith("ecommerce-prod-")) { expect(packNames.has(`Service/${c.service}`), c.id).toBe(true); n++; }
    }
    expect(n).toBeGreaterThan(15);
  });
  it("the performance suite takes its load shape from --duration and --concurrency", () => {
    const perf = doc.suites.find((s) => s.id === "performance-test")!;
    const load = perf.checks.filter((c) => c.durationSeconds);
    expect(load.length).toBe(2);
    for (const c of load) expect([c.durationSeconds, c.concurrency, typeof c.maxErrorRate, typeof c.maxP95LatencyMs]).toEqual(["${duration}", "${concurrency}", "number", "number"]);
  });
  it("each shell script accepts exactly its suite's flags", () => {
    const lib = readFileSync(path.join(COURSE_DIR, "validation/lib.sh"), "utf8");
    for (const f of Object.keys(doc.flags)) expect(lib, f).toMatch(new RegExp(`--${f}`));
    for (const s of doc.suites) {
      const head = readFileSync(path.join(COURSE_DIR, "validation", s.script), "utf8").split("\n").slice(0, 4).join("\n");
      for (const f of s.flags) expect(head, `${s.script} usage mentions --${f}`).toContain(`--${f}`);
    }
  });
  it("resolves as the engine runs it: flags, includes and `when`", () => {
    const file = suitesFileSchema.parse(doc);
    const core = resolveSuite(file, "run-tests", ["--namespace=team-a"]).map((r) => `${r.suite}/${r.check.id}`);
    expect(core).toEqual(expect.arrayContaining(["smoke-tests/backend-health", "health-check/database-ready", "run-tests/quota"]));
    expect(core.some((id) => id.includes("prometheus"))).toBe(false);
    const all = resolveSuite(file, "run-tests", ["--type=all", "--environment=production", "--final"]).map((r) => r.check.id);
    expect(all).toEqual(expect.arrayContaining(["prometheus-targets", "helm-release", "no-pending-pods", "frontend-to-prometheus-blocked"]));
    const namespaced = resolveSuite(file, "health-check", ["--namespace=team-a"]).map((r) => (r.check as { namespace?: string }).namespace);
    expect(new Set(namespaced)).toEqual(new Set(["team-a"]));
    const perf = resolveSuite(file, "performance-test", ["--duration=600s", "--concurrency=50"]).map((r) => r.check).filter((c) => c.kind === "loadTest");
    expect(perf.map((c) => [c.durationSeconds, c.concurrency])).toEqual([[600, 50], [600, 50]]);
    expect(() => resolveSuite(file, "run-tests", ["--type=everything"])).toThrow(/expected one of/);
  });
  it("lintSuites passes the committed file and reports a check that does not fit its kind", () => {
    const file = suitesFileSchema.parse(doc);
    expect(lintSuites(file)).toEqual([]);
    const broken = structuredClone(file);
    broken.suites[0]!.checks[0] = { ...broken.suites[0]!.checks[0]!, replicas: 3 };
    expect(lintSuites(broken).join("\n")).toMatch(/smoke-tests\/backend-available: .*replicas/);
  });
});
