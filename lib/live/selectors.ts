import type { ListOptions } from "@/lib/k8s/objects";
import type { KubeObject } from "@/lib/k8s/types";

/** One requirement of a label selector, as the API server parses `?labelSelector=`. */
type Requirement =
  | { op: "=" | "!="; key: string; value: string }
  | { op: "in" | "notin"; key: string; values: string[] }
  | { op: "exists" | "!exists"; key: string };

export class SelectorError extends Error {}

// Commas separate requirements except inside a set: "app in (a,b),tier=web".
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseRequirement(text: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
  if (set) return { op: set[2] as "in" | "notin", key: set[1]!, values: set[3]!.split(",").map((v) => v.trim()).filter(Boolean) };
  const cmp = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(text);
  if (cmp) return { op: cmp[2] === "!=" ? "!=" : "=", key: cmp[1]!, value: cmp[3]! };
  if (/^![^!=\s()]+$/.test(text)) return { op: "!exists", key: text.slice(1) };
  if (/^[^!=\s()]+$/.test(text)) return { op: "exists", key: text };
  throw new SelectorError(`not a selector requirement: "${text}"`);
}

export const parseSelector = (selector: string | undefined): Requirement[] => (selector ? splitTopLevel(selector).map(parseRequirement) : []);

function holds(r: Requirement, value: string | undefined): boolean {
  switch (r.op) {
    case "=":
      return value === r.value;
    case "!=":
      return value !== r.value;
    case "in":
      return value !== undefined && r.values.includes(value);
    case "notin":
      return value === undefined || !r.values.includes(value);
    case "exists":
      return value !== undefined;
    case "!exists":
      return value === undefined;
  }
}

/** A field selector's path (`metadata.name`, `status.phase`, `spec.nodeName`) read from the object. */
function fieldValue(obj: KubeObject, path: string): string | undefined {
  let at: unknown = obj;
  for (const part of path.split(".")) at = at && typeof at === "object" ? (at as Record<string, unknown>)[part] : undefined;
  if (at === undefined || at === null) return path.startsWith("spec.") || path.startsWith("status.") ? "" : undefined;
  return String(at);
}

/** What `list` with these selectors would have answered, decided locally over a cache of the kind. */
export function selectObjects<T extends KubeObject>(objects: Iterable<T>, options: ListOptions = {}): T[] {
  const labels = parseSelector(options.labelSelector);
  const fields = parseSelector(options.fieldSelector);
  const result: T[] = [];
  for (const o of objects) {
    const ls = o.metadata?.labels ?? {};
    if (!labels.every((r) => holds(r, ls[r.key]))) continue;
    if (!fields.every((r) => holds(r, fieldValue(o, r.key)))) continue;
    result.push(o);
  }
  return result;
}
