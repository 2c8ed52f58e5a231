import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import type { z } from "zod";
import {
  contactsSchema,
  courseFileSchema,
  daySchema,
  troubleshootingSchema,
  type Course,
  type Day,
  type Step,
} from "./schema";
import { crossFileErrors } from "./cross-check";

export type CourseIssue = { file: string; path: string; message: string };

export class CourseLoadError extends Error {
  readonly issues: CourseIssue[];
  constructor(issues: CourseIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "CourseLoadError";
    this.issues = issues;
  }
}

export const defaultCourseDir = () => path.resolve(/*turbopackIgnore: true*/ process.env.DAYBOOK_COURSE_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), "course"));

export const contactsFile = (dir: string) =>
  path.resolve(process.env.DAYBOOK_CONTACTS_FILE ?? path.join(dir, "support-contacts.yaml"));

export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}

function formatIssue(i: CourseIssue): string {
  return i.path ? `${i.file}: ${i.path}: ${i.message}` : `${i.file}: ${i.message}`;
}

export function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, "");
}

function zodMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) return "Required";
  return issue.message;
}

type YamlRead = { ok: true; value: unknown } | { ok: false; message: string };

function readYaml(file: string): YamlRead {
  if (!fs.existsSync(file)) return { ok: false, message: "file not found" };
  try {
    return { ok: true, value: yaml.load(fs.readFileSync(file, "utf8"), { filename: displayPath(file) }) };
  } catch (err) {
    return { ok: false, message: `invalid YAML: ${(err as Error).message.split("\n")[0]}` };
  }
}

function parseFile<S extends z.ZodType>(file: string, schema: S, issues: CourseIssue[]): z.infer<S> | undefined {
  const raw = readYaml(file);
  if (!raw.ok) {
    issues.push({ file: displayPath(file), path: "", message: raw.message });
    return undefined;
  }
  const result = schema.safeParse(raw.value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({ file: displayPath(file), path: formatPath(issue.path), message: zodMessage(issue) });
  }
  return undefined;
}

export function readCourse(dir: string): Course {
  const issues: CourseIssue[] = [];
  const planDir = path.join(dir, "plan");
  const daysDir = path.join(planDir, "days");
  const courseFile = parseFile(path.join(planDir, "course.yaml"), courseFileSchema, issues);
  const dayFiles = fs.existsSync(daysDir)
    ? fs.readdirSync(daysDir).filter((f) => /\.ya?ml$/.test(f)).sort()
    : [];
  const days: { file: string; day: Day }[] = [];
  for (const f of dayFiles) {
    const file = path.join(daysDir, f);
    const day = parseFile(file, daySchema, issues);
    if (day) days.push({ file: displayPath(file), day });
  }
  const troubleshooting = parseFile(path.join(planDir, "troubleshooting.yaml"), troubleshootingSchema, issues);
  const contacts = parseFile(contactsFile(dir), contactsSchema, issues);
  if (issues.length === 0 && courseFile) {
    issues.push(...crossFileErrors({ daysDir: displayPath(daysDir), course: { ...courseFile, file: displayPath(path.join(planDir, "course.yaml")) }, days }));
  }
  if (issues.length > 0 || !courseFile || !troubleshooting || !contacts) throw new CourseLoadError(issues);
  const ordered = days.map((d) => d.day).sort((a, b) => a.day - b.day);
  return { ...courseFile, days: ordered, troubleshooting, contacts };
}

const cache = new Map<string, Course>();

export function loadCourse(dir: string = defaultCourseDir()): Course {
  const key = `${path.resolve(dir)}\0${contactsFile(dir)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const course = readCourse(path.resolve(dir));
  cache.set(key, course);
  return course;
}

export function clearCourseCache(): void {
  cache.clear();
}

export const allSteps = (course: Course): Step[] => course.days.flatMap((d) => d.steps);

export const stepsByDay = (course: Course): Map<number, Step[]> =>
  new Map(course.days.map((d) => [d.day, d.steps]));

export const findDay = (course: Course, n: number): Day | undefined => course.days.find((d) => d.day === n);

export const findStep = (course: Course, id: string): Step | undefined => allSteps(course).find((s) => s.id === id);

export function previousStep(course: Course, id: string): Step | undefined {
  const steps = allSteps(course);
  const i = steps.findIndex((s) => s.id === id);
  return i > 0 ? steps[i - 1] : undefined;
}

export const dayOfStep = (course: Course, id: string): Day | undefined =>
  course.days.find((d) => d.steps.some((s) => s.id === id));
