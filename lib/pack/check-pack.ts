import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { CourseLoadError, displayPath, readCourse } from "@/lib/course/load";
import { CHART_DIR, listFiles, MANIFEST_DIRS, parseManifest, type PackObject } from "./inventory";
import type { Check, Course, Step } from "@/lib/course/schema";

export type PackReport = { steps: number; automatedChecks: number; manifests: number; errors: string[] };

export const summaryLine = (r: PackReport) =>
  `course: ${r.steps} steps, ${r.automatedChecks} automated checks, ${r.manifests} manifests, ${r.errors.length} errors`;

function pathExists(courseDir: string, rel: string): boolean {
  const full = path.join(courseDir, rel);
  if (!fs.existsSync(full)) return false;
  return rel.endsWith("/") ? fs.statSync(full).isDirectory() : true;
}

function readPackObjects(courseDir: string, errors: string[]): { manifests: number; objects: PackObject[] } {
  const files = MANIFEST_DIRS.flatMap((d) => listFiles(path.join(courseDir, d)));
  const objects: PackObject[] = [];
  for (const file of files) {
    const parsed = parseManifest(file, displayPath(file));
    errors.push(...parsed.errors);
    objects.push(...parsed.objects);
  }
  return { manifests: files.length + chartTemplates(courseDir, errors), objects };
}

// Chart templates hold Go template directives, so they are counted but not parsed as YAML.
function chartTemplates(courseDir: string, errors: string[]): number {
  const chart = path.join(courseDir, CHART_DIR);
  if (!fs.existsSync(chart)) return 0;
  for (const file of ["Chart.yaml", "values.yaml"].map((f) => path.join(chart, f))) {
    if (!fs.existsSync(file)) errors.push(`${displayPath(file)}: missing (helm install ./${CHART_DIR} needs it)`);
  }
  for (const file of [...listFiles(chart).filter((f) => !f.includes(`${path.sep}templates${path.sep}templates${path.sep}`)), ...listFiles(path.join(courseDir, "environments"))]) {
    try {
      yaml.load(fs.readFileSync(file, "utf8"));
    } catch (err) {
      errors.push(`${displayPath(file)}: invalid YAML: ${(err as Error).message.split("\n")[0]}`);
    }
  }
  return listFiles(path.join(chart, "templates")).length;
}

const where = (step: Step, check?: Check) => (check ? `step ${step.number} (${step.id}) check ${check.id}` : `step ${step.number} (${step.id})`);

function lintCheck(courseDir: string, step: Step, check: Check, objects: PackObject[]): string[] {
  const errors: string[] = [];
  const named = (kind: string, name: string) => objects.filter((o) => o.kind === kind && o.name === name);
  const need = (kind: string, name: string) => {
    const found = named(kind, name);
    if (found.length === 0) errors.push(`${where(step, check)}: no ${kind} "${name}" in the pack manifests`);
    return found;
  };
  const needContainers = (deployment: string, wanted: string[], among: "containers" | "initContainers" | "any" = "containers") => {
    const found = need("Deployment", deployment);
    if (found.length === 0) return;
    const have = new Set(found.flatMap((o) => (among === "any" ? [...o.containers, ...o.initContainers] : o[among])));
    const label = among === "initContainers" ? "init container" : "container";
    for (const c of wanted) {
      if (!have.has(c)) errors.push(`${where(step, check)}: Deployment "${deployment}" has no ${label} "${c}" in the pack`);
    }
  };
  switch (check.kind) {
    case "namespaceExists":
      need("Namespace", check.name);
      break;
    case "resourceQuotaEnforced":
      if (check.name) need("ResourceQuota", check.name);
      break;
    case "resourceExists":
      if (check.name) need(check.resourceKind, check.name);
      break;
    case "configMapKeys":
    case "secretKeys": {
      const kind = check.kind === "configMapKeys" ? "ConfigMap" : "Secret";
      const found = need(kind, check.name);
      if (check.manifest && !pathExists(courseDir, check.manifest)) errors.push(`${where(step, check)}: manifest ${check.manifest} does not exist`);
      if (check.manifest && found.length && !found.some((o) => o.file.endsWith(check.manifest!))) {
        errors.push(`${where(step, check)}: ${kind} "${check.name}" is not declared in ${check.manifest}`);
      }
      const keys = new Set(found.flatMap((o) => o.keys));
      for (const k of check.keys ?? []) if (found.length && !keys.has(k)) errors.push(`${where(step, check)}: ${kind} "${check.name}" declares no key "${k}"`);
      break;
    }
    case "deploymentAvailable":
      need("Deployment", check.name);
      break;
    case "rolloutComplete":
    case "rolloutHistory":
      need("Deployment", check.deployment);
      break;
    case "podLogsContain":
      needContainers(check.deployment, check.container ? [check.container] : [], "any");
      break;
    case "execSucceeds":
      needContainers(check.deployment, check.container ? [check.container] : []);
      break;
    case "deploymentImage":
    case "probesConfigured":
      needContainers(check.deployment, [check.container]);
      break;
    case "podContainers":
      needContainers(check.deployment, check.containers ?? []);
      needContainers(check.deployment, check.initContainersCompleted ?? [], "initContainers");
      break;
    case "httpViaServiceProxy": {
      const found = need("Service", check.service);
      if (found.length && !found.some((o) => o.servicePorts.includes(check.port))) {
        errors.push(`${where(step, check)}: Service "${check.service}" exposes no port ${check.port} in the pack`);
      }
      break;
    }
    case "hpaExists":
      need("HorizontalPodAutoscaler", check.name);
      break;
    case "vpaExists":
      need("VerticalPodAutoscaler", check.name);
      break;
    case "canI": {
      const [, , ns, sa] = check.as.split(":");
      if (ns === check.namespace && sa) need("ServiceAccount", sa);
      break;
    }
    case "validationSuite": {
      const script = `validation/${check.suite}.sh`;
      if (!pathExists(courseDir, script)) errors.push(`${where(step, check)}: ${script} does not exist`);
      break;
    }
  }
  return errors;
}

export function lintCourse(course: Course, courseDir: string, objects: PackObject[]): string[] {
  const errors: string[] = [];
  for (const step of course.days.flatMap((d) => d.steps)) {
    for (const rel of step.applies) {
      if (!pathExists(courseDir, rel)) errors.push(`${where(step)}: applies ${rel}, which does not exist in the pack`);
    }
    for (const ref of step.references) {
      if (!pathExists(courseDir, ref.path)) errors.push(`${where(step)}: references ${ref.path}, which does not exist in the pack`);
    }
    errors.push(...step.checks.flatMap((c) => lintCheck(courseDir, step, c, objects)));
  }
  const ts = course.troubleshooting.reference.path;
  if (!pathExists(courseDir, ts)) errors.push(`troubleshooting: references ${ts}, which does not exist in the pack`);
  return errors;
}

export function checkPack(courseDir: string): PackReport {
  const errors: string[] = [];
  const { manifests, objects } = readPackObjects(courseDir, errors);
  let course: Course;
  try {
    course = readCourse(courseDir);
  } catch (err) {
    if (!(err instanceof CourseLoadError)) throw err;
    return { steps: 0, automatedChecks: 0, manifests, errors: [...err.message.split("\n"), ...errors] };
  }
  const steps = course.days.flatMap((d) => d.steps);
  return {
    steps: steps.length,
    automatedChecks: steps.flatMap((s) => s.checks).filter((c) => c.kind !== "manual").length,
    manifests,
    errors: [...errors, ...lintCourse(course, courseDir, objects)],
  };
}
