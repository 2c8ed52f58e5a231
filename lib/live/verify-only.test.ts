import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkKinds } from "@/lib/checks/registry";
import { VERIFY_ONLY_KINDS } from "./verify-only";

const kindsDir = path.resolve(import.meta.dirname, "../checks/kinds");
const source = (file: string) => fs.readFileSync(path.join(kindsDir, file), "utf8");
const BEYOND_OBJECTS = /reads\.(logs|exec|httpGet|metrics|canServiceAccount|dryRunCreate|fetchUrl|loadOutcome)\b/;

/** The text of a module's exports (each up to the next one) that declare one of `names`; all of it without names. */
function declaring(file: string, names?: string[]): string {
  if (!names) return source(file);
  return source(file)
    .split(/\n(?=export )/)
    .filter((part) => names.some((n) => new RegExp(`^export (async )?(function|const|class) ${n}\\b`).test(part)))
    .join("\n");
}

/** Whether the code a module uses (its own, and what it calls from sibling modules) reads more than objects. */
function readsBeyondObjects(file: string, names?: string[]): boolean {
  const text = declaring(file, names);
  if (BEYOND_OBJECTS.test(text)) return true;
  return [...source(file).matchAll(/import \{([^}]+)\} from "\.\/([a-z0-9-]+)"/g)].some(([, imported, sibling]) => {
    const used = imported!.split(",").map((n) => n.replace(/^\s*type\s+/, "").trim()).filter((n) => n && new RegExp(`\\b${n}\\(`).test(text));
    return used.length > 0 && readsBeyondObjects(`${sibling}.ts`, used);
  });
}

describe("VERIFY_ONLY_KINDS", () => {
  const modules = fs.readdirSync(kindsDir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  const kindFiles = modules.flatMap((file) => [...source(file).matchAll(/checkSchemaOf\("([a-zA-Z]+)"/g)].map((m) => ({ kind: m[1]!, file })));

  it("finds every kind's module", () => {
    expect(new Set(kindFiles.map((k) => k.kind))).toEqual(new Set(checkKinds));
  });

  it("names every kind whose reads go beyond API objects, and no other", () => {
    const beyond = kindFiles.filter(({ file }) => readsBeyondObjects(file)).map((k) => k.kind);
    const listed = Object.keys(VERIFY_ONLY_KINDS).filter((k) => k !== "manual" && k !== "validationSuite");
    expect(new Set(listed)).toEqual(new Set(beyond));
  });
});
