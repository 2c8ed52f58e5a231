import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { z } from "zod";
import { checkSchema, type Check } from "./registry";

const flagSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("string"), default: z.string(), description: z.string() }).strict(),
  z.object({ type: z.literal("enum"), values: z.array(z.string()).min(1), default: z.string(), description: z.string() }).strict(),
  z.object({ type: z.literal("boolean"), default: z.boolean(), description: z.string() }).strict(),
  z.object({ type: z.literal("duration"), default: z.string().regex(/^\d+s$/), description: z.string() }).strict(),
  z.object({ type: z.literal("integer"), default: z.number().int(), min: z.number().int(), max: z.number().int(), description: z.string() }).strict(),
]);

const when = z.record(z.string(), z.array(z.union([z.string(), z.boolean()])).min(1));
const suiteCheck = z.looseObject({ id: z.string(), kind: z.string(), when: when.optional() });

export const suitesFileSchema = z
  .object({
    version: z.literal(1),
    flags: z.record(z.string(), flagSchema),
    suites: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z-]+$/),
          script: z.string().regex(/^[a-z-]+\.sh$/),
          description: z.string(),
          flags: z.array(z.string()),
          includes: z.array(z.object({ suite: z.string(), when: when.optional() }).strict()).optional(),
          checks: z.array(suiteCheck).min(1),
        })
        .strict(),
    ),
  })
  .strict();

export type SuitesFile = z.infer<typeof suitesFileSchema>;
type FlagValue = string | number | boolean;
export type SuiteCheck = { suite: string; check: Check };

export function readSuites(courseDir: string): SuitesFile {
  return suitesFileSchema.parse(yaml.load(fs.readFileSync(path.join(courseDir, "validation", "suites.yaml"), "utf8")));
}

const loaded = new Map<string, SuitesFile>();

/** The course's suites, read once per process and course directory, as the course itself is (loadCourse). */
export function courseSuites(courseDir: string): SuitesFile {
  const key = path.resolve(courseDir);
  const hit = loaded.get(key);
  if (hit) return hit;
  const suites = readSuites(key);
  loaded.set(key, suites);
  return suites;
}

/** `--namespace=x --type=all --final` → typed flag values over the defaults; unknown or bad flags throw. */
export function parseFlags(file: SuitesFile, args: string[]): Record<string, FlagValue> {
  const values: Record<string, FlagValue> = Object.fromEntries(Object.entries(file.flags).map(([k, f]) => [k, f.default]));
  for (const arg of args) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    const flag = m && file.flags[m[1]!];
    if (!m || !flag) throw new Error(`unknown flag ${arg}`);
    const raw = m[2];
    if (flag.type === "boolean") values[m[1]!] = raw === undefined ? true : raw === "true";
    else if (raw === undefined) throw new Error(`${arg} needs a value`);
    else if (flag.type === "enum" && !flag.values.includes(raw)) throw new Error(`${arg}: expected one of ${flag.values.join(", ")}`);
    else if (flag.type === "duration" && !/^\d+s$/.test(raw)) throw new Error(`${arg}: expected seconds like 300s`);
    else if (flag.type === "integer" && !(Number.isInteger(Number(raw)) && Number(raw) >= flag.min && Number(raw) <= flag.max)) throw new Error(`${arg}: expected a whole number from ${flag.min} to ${flag.max}`);
    else values[m[1]!] = flag.type === "integer" ? Number(raw) : raw;
  }
  return values;
}

const holds = (cond: Record<string, FlagValue[]> | undefined, flags: Record<string, FlagValue>) => !cond || Object.entries(cond).every(([k, vs]) => vs.includes(flags[k]!));

function substitute(value: unknown, flags: Record<string, FlagValue>): unknown {
  if (typeof value === "string") {
    const whole = /^\$\{([a-z]+)\}$/.exec(value);
    if (whole) {
      const v = flags[whole[1]!];
      return typeof v === "string" && /^\d+s$/.test(v) ? Number(v.slice(0, -1)) : v;
    }
    return value.replace(/\$\{([a-z]+)\}/g, (_, k: string) => String(flags[k]));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, flags));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, flags)]));
  return value;
}

/** The checks a suite runs for these arguments: includes and `when` resolved, flags filled in, each validated. */
export function resolveSuite(file: SuitesFile, suiteId: string, args: string[], seen: string[] = []): SuiteCheck[] {
  const suite = file.suites.find((s) => s.id === suiteId);
  if (!suite) throw new Error(`no suite ${suiteId}`);
  if (seen.includes(suiteId)) throw new Error(`suite ${suiteId} includes itself (${[...seen, suiteId].join(" → ")})`);
  const flags = parseFlags(file, args);
  const included = (suite.includes ?? []).filter((i) => holds(i.when, flags)).flatMap((i) => resolveSuite(file, i.suite, args.filter((a) => file.suites.find((s) => s.id === i.suite)!.flags.some((f) => a.startsWith(`--${f}`))), [...seen, suiteId]));
  const own = suite.checks.filter((c) => holds(c.when as Record<string, FlagValue[]> | undefined, flags)).map((raw) => {
    const { when: _when, ...rest } = raw;
    const parsed = checkSchema.safeParse(substitute({ title: rest.id, ...rest }, flags));
    if (!parsed.success) throw new Error(`suites.yaml ${suiteId}/${raw.id}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    return { suite: suiteId, check: parsed.data };
  });
  return [...included, ...own];
}

/** Every suite × every combination of enum and boolean flags resolves and validates (course:check). */
export function lintSuites(file: SuitesFile, lintOne: (check: Check) => string[] = () => []): string[] {
  const errors: string[] = [];
  const choices = Object.entries(file.flags).flatMap(([k, f]) => (f.type === "enum" ? [f.values.map((v) => `--${k}=${v}`)] : f.type === "boolean" ? [[`--${k}=false`, `--${k}=true`]] : []));
  const combos = choices.reduce<string[][]>((acc, opts) => acc.flatMap((a) => opts.map((o) => [...a, o])), [[]]);
  for (const suite of file.suites) {
    for (const combo of combos) {
      try {
        for (const { suite: from, check } of resolveSuite(file, suite.id, combo.filter((a) => suite.flags.some((f) => a.startsWith(`--${f}=`))))) {
          errors.push(...lintOne(check).map((e) => `suites.yaml ${from}/${check.id}: ${e}`));
        }
      } catch (err) {
        errors.push((err as Error).message);
      }
    }
    for (const inc of suite.includes ?? []) if (!file.suites.some((s) => s.id === inc.suite)) errors.push(`suites.yaml ${suite.id}: includes unknown suite ${inc.suite}`);
  }
  return [...new Set(errors)];
}
