/** Field-level differences between a live object and what an apply would make of it (pure). */
import type { KubeObject } from "./types";

export type FieldChange = { path: string; change: "added" | "removed" | "changed"; before?: string; after?: string };

const IGNORED_META = new Set(["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink"]);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function comparable(o: KubeObject): Json {
  const { status: _status, metadata, ...rest } = o as KubeObject & { status?: unknown };
  const meta = Object.fromEntries(Object.entries(metadata ?? {}).filter(([k]) => !IGNORED_META.has(k)));
  return JSON.parse(JSON.stringify({ ...rest, metadata: meta })) as Json;
}

const isObject = (v: Json | undefined): v is { [k: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);
const short = (v: Json | undefined) => {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
};

// Lists of named things (containers, ports, env) are matched by name, as strategic merge does.
const keyOf = (item: Json, i: number) => (isObject(item) && typeof item.name === "string" ? item.name : String(i));

function walk(path: string, a: Json | undefined, b: Json | undefined, out: FieldChange[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (a === undefined) return void out.push({ path, change: "added", after: short(b) });
  if (b === undefined) return void out.push({ path, change: "removed", before: short(a) });
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(path ? `${path}.${k}` : k, a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.every((x, i) => keyOf(x, i) !== String(i)) && b.every((x, i) => keyOf(x, i) !== String(i))) {
    const byKey = (list: Json[]) => new Map(list.map((x, i) => [keyOf(x, i), x]));
    const [ma, mb] = [byKey(a), byKey(b)];
    for (const k of new Set([...ma.keys(), ...mb.keys()])) walk(`${path}[${k}]`, ma.get(k), mb.get(k), out);
    return;
  }
  out.push({ path, change: "changed", before: short(a), after: short(b) });
}

const bytes = (v: string | undefined, base64: boolean) => (v === undefined ? undefined : `<${base64 ? Buffer.from(v, "base64").length : Buffer.byteLength(v)} bytes>`);

/** Secrets are compared in full but reported by key names and sizes only, as `kubectl describe secret`. */
function redact(kind: string | undefined, changes: FieldChange[]): FieldChange[] {
  if (kind !== "Secret") return changes;
  return changes.map((c) => {
    const m = /^(data|stringData)(?:\.(.+))?$/.exec(c.path);
    if (!m) return c;
    const b64 = m[1] === "data";
    if (!m[2]) return { ...c, before: c.before && "<keys hidden>", after: c.after && "<keys hidden>" };
    const before = bytes(c.before, b64);
    const after = bytes(c.after, b64);
    return { ...c, before, after: c.change === "changed" && before === after ? `${after} (value changed)` : after };
  });
}

export function diffObjects(live: KubeObject | undefined, next: KubeObject): FieldChange[] {
  const out: FieldChange[] = [];
  walk("", live ? comparable(live) : undefined, comparable(next), out);
  return redact(next.kind ?? live?.kind, live ? out : []);
}

/** The key names and sizes of a Secret, never its values. */
export function secretSummary(secret: KubeObject): { key: string; bytes: number }[] {
  const data = (secret.data ?? {}) as Record<string, string>;
  const stringData = (secret.stringData ?? {}) as Record<string, string>;
  return [
    ...Object.entries(data).map(([key, v]) => ({ key, bytes: Buffer.from(v, "base64").length })),
    ...Object.entries(stringData).map(([key, v]) => ({ key, bytes: Buffer.byteLength(v) })),
  ].sort((a, b) => a.key.localeCompare(b.key));
}

/** `obj` cut down to the fields `shape` sets (lists of named items matched by name). */
function project(obj: Json | undefined, shape: Json | undefined): Json | undefined {
  if (obj === undefined || !isObject(shape) || !isObject(obj)) {
    if (Array.isArray(shape) && Array.isArray(obj) && shape.every((x, i) => keyOf(x, i) !== String(i))) {
      const live = new Map(obj.map((x, i) => [keyOf(x, i), x]));
      return shape.map((x, i) => project(live.get(keyOf(x, i)), x) ?? null);
    }
    return obj;
  }
  return Object.fromEntries(Object.keys(shape).map((k) => [k, project(obj[k], shape[k]) ?? null]));
}

/** A Secret's stringData is stored as data; compare it the way the server keeps it. */
function asStored(manifest: KubeObject): KubeObject {
  const { stringData, ...rest } = manifest as KubeObject & { stringData?: Record<string, string>; data?: Record<string, string> };
  if (manifest.kind !== "Secret" || !stringData) return manifest;
  const encoded = Object.fromEntries(Object.entries(stringData).map(([k, v]) => [k, Buffer.from(v).toString("base64")]));
  return { ...rest, data: { ...(rest as { data?: Record<string, string> }).data, ...encoded } } as KubeObject;
}

type ManagedFields = { manager?: string; operation?: string; fieldsV1?: unknown };
const ownedFields = (o: KubeObject, manager: string) => ((o.metadata?.managedFields ?? []) as ManagedFields[]).find((m) => m.manager === manager && m.operation === "Apply")?.fieldsV1;

/**
 * Whether an apply changed anything: a field the manifest sets now reads differently, or the set of
 * fields the manager owns changed (it dropped one). A controller writing status or its own fields
 * between the read and the apply is not our change. The resourceVersion says nothing: a dry run
 * returns the live one even when it would change the object.
 */
export function changedByApply(live: KubeObject, applied: KubeObject, manifest: KubeObject, manager: string): boolean {
  const shape = comparable(asStored(manifest));
  if (JSON.stringify(project(comparable(live), shape)) !== JSON.stringify(project(comparable(applied), shape))) return true;
  const before = ownedFields(live, manager);
  // Taking over fields another manager set (kubectl, say) to the same values changes nothing.
  return before !== undefined && JSON.stringify(before) !== JSON.stringify(ownedFields(applied, manager));
}
