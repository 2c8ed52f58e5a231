import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { CourseLoadError, displayPath, readCourse } from "@/lib/course/load";
import { CHART_DIR, chartObjects, listFiles, MANIFEST_DIRS, parseManifest, type PackObject } from "./inventory";
import type { Course, Operation, Step } from "@/lib/course/schema";
import type { LintContext } from "@/lib/checks/define";
import { imageReferencesIn, lintCheck } from "@/lib/checks/lint";
import { lintSuites, readSuites } from "@/lib/checks/suites";
import { imageRefs, readPackImages } from "./images";

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

const where = (step: Step, what?: string) => (what ? `step ${step.number} (${step.id}) ${what}` : `step ${step.number} (${step.id})`);

function lintOperation(op: Operation, pack: LintContext, knownRefs: Set<string>): string[] {
  const errors = imageReferencesIn(op).filter((r) => !knownRefs.has(r)).map((r) => `unknown image reference ${r}`);
  const deployment = "deployment" in op ? op.deployment : undefined;
  if (deployment && !pack.objects.some((o) => o.kind === "Deployment" && o.name === deployment)) errors.push(`no Deployment "${deployment}" in the pack manifests`);
  for (const file of [...("files" in op ? op.files : []), ...("values" in op ? op.values : []), ...("chart" in op ? [op.chart] : [])]) {
    if (!pack.exists(file)) errors.push(`${file} does not exist in the pack`);
  }
  return errors;
}

function lintStep(step: Step, pack: LintContext, knownRefs: Set<string>): string[] {
  const errors = step.checks.flatMap((c) => lintCheck(c, pack, knownRefs).map((e) => `${where(step, `check ${c.id}`)}: ${e}`));
  for (const op of step.operations ?? []) errors.push(...lintOperation(op, pack, knownRefs).map((e) => `${where(step, `operation ${op.id}`)}: ${e}`));
  const ids = new Set(step.checks.map((c) => c.id));
  const test = step.selfTest;
  for (const p of test?.passBefore ?? []) if (!ids.has(p.check)) errors.push(`${where(step)}: selfTest.passBefore names no check "${p.check}"`);
  for (const b of test?.breaks ?? []) {
    for (const id of b.fails) if (!ids.has(id)) errors.push(`${where(step)}: selfTest break names no check "${id}"`);
    for (const op of [...b.do, ...(b.repair ?? [])]) errors.push(...lintOperation(op, pack, knownRefs).map((e) => `${where(step, `selfTest ${op.id}`)}: ${e}`));
  }
  return errors;
}

export function lintCourse(course: Course, courseDir: string, objects: PackObject[]): string[] {
  const errors: string[] = [];
  const releases = course.days.flatMap((d) => d.steps.flatMap((s) => s.operations ?? [])).flatMap((o) => (o.kind === "helmUpgradeInstall" ? [o.release] : []));
  const charted = releases.flatMap((r) => chartObjects(path.join(courseDir, CHART_DIR), r, displayPath));
  const pack: LintContext = { objects: [...objects, ...charted], exists: (rel) => pathExists(courseDir, rel) };
  const knownRefs = new Set(Object.keys(imageRefs(readPackImages(courseDir), { registry: "", mirrorPublic: false })));
  for (const step of course.days.flatMap((d) => d.steps)) {
    for (const rel of step.applies) {
      if (!pathExists(courseDir, rel)) errors.push(`${where(step)}: applies ${rel}, which does not exist in the pack`);
    }
    for (const ref of step.references) {
      if (!pathExists(courseDir, ref.path)) errors.push(`${where(step)}: references ${ref.path}, which does not exist in the pack`);
    }
    errors.push(...lintStep(step, pack, knownRefs));
  }
  try {
    errors.push(...lintSuites(readSuites(courseDir), (check) => lintCheck(check, pack, knownRefs)));
  } catch (err) {
    errors.push(`validation/suites.yaml: ${err instanceof Error ? err.message.split("\n").slice(0, 5).join(" ") : String(err)}`);
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
