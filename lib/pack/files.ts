import fs from "node:fs";
import path from "node:path";
import { defaultCourseDir } from "@/lib/course/load";

const READABLE = /\.(md|ya?ml|sql|sh|tpl|txt|json)$/i;
const MAX_BYTES = 512 * 1024;
const HIDDEN = new Set(["plan"]);

export type PackEntry =
  | { type: "file"; relPath: string; language: string; content: string }
  | { type: "dir"; relPath: string; entries: { name: string; isDir: boolean }[] };

const served = (full: string, stat: fs.Stats) => READABLE.test(full) && stat.size <= MAX_BYTES;

function listDir(full: string, atRoot: boolean) {
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((e) => !e.name.startsWith(".") && !(atRoot && HIDDEN.has(e.name)))
    .filter((e) => e.isDirectory() || (e.isFile() && served(path.join(full, e.name), fs.statSync(path.join(full, e.name)))))
    .map((e) => ({ name: e.name, isDir: e.isDirectory() }))
    .sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.name.localeCompare(b.name));
}

/** Reads a course-pack file or folder by its guide-relative path (no segments: the pack's top); never anything outside the course folder. */
export function readPackEntry(segments: string[], dir = defaultCourseDir()): PackEntry | null {
  const parts = segments.map((s) => decodeURIComponent(s));
  if (parts.some((s) => s === "" || s.startsWith(".") || s.includes("/") || s.includes("\\")) || HIDDEN.has(parts[0] ?? "")) return null;
  const rel = parts.join("/");
  const full = path.resolve(dir, rel);
  if (full !== dir && !full.startsWith(dir + path.sep)) return null;
  if (!fs.existsSync(full)) return null;
  const stat = fs.statSync(full);
  if (stat.isDirectory()) return { type: "dir", relPath: rel, entries: listDir(full, full === dir) };
  if (!stat.isFile() || !served(full, stat)) return null;
  return { type: "file", relPath: rel, language: path.extname(full).slice(1), content: fs.readFileSync(full, "utf8") };
}

/** Every file the pack serves, as guide-relative paths, folders first, in a stable order. */
export function listPackFiles(dir = defaultCourseDir()): string[] {
  const walk = (rel: string): string[] => {
    const entry = readPackEntry(rel ? rel.split("/") : [], dir);
    if (entry?.type !== "dir") return [];
    return entry.entries.flatMap((e) => {
      const child = rel ? `${rel}/${e.name}` : e.name;
      return e.isDir ? walk(child) : [child];
    });
  };
  return walk("");
}

/** A pack file's text by its guide-relative path, or null when it is not one the pack serves. */
export function readPackFile(relPath: string, dir = defaultCourseDir()): string | null {
  const entry = readPackEntry(relPath.split("/"), dir);
  return entry?.type === "file" ? entry.content : null;
}
