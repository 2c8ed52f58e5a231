import fs from "node:fs";
import path from "node:path";
import { defaultCourseDir } from "@/lib/course/load";

const READABLE = /\.(md|ya?ml|sql|sh|tpl|txt|json)$/i;
const HIDDEN = new Set(["plan"]);

export type PackEntry =
  | { type: "file"; relPath: string; language: string; content: string }
  | { type: "dir"; relPath: string; entries: { name: string; isDir: boolean }[] };

/** Reads a course-pack file or folder by its guide-relative path; never anything outside the course folder. */
export function readPackEntry(segments: string[], dir = defaultCourseDir()): PackEntry | null {
  const parts = segments.map((s) => decodeURIComponent(s));
  if (parts.some((s) => s.startsWith(".") || s.includes("/") || s.includes("\\")) || HIDDEN.has(parts[0] ?? "")) return null;
  const rel = parts.join("/");
  const full = path.resolve(dir, rel);
  if (!full.startsWith(dir + path.sep)) return null;
  if (!fs.existsSync(full)) return null;
  const stat = fs.statSync(full);
  if (stat.isDirectory()) {
    const entries = fs
      .readdirSync(full, { withFileTypes: true })
      .filter((e) => !e.name.startsWith("."))
      .map((e) => ({ name: e.name, isDir: e.isDirectory() }))
      .sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.name.localeCompare(b.name));
    return { type: "dir", relPath: rel, entries };
  }
  if (!READABLE.test(full) || stat.size > 512 * 1024) return null;
  return { type: "file", relPath: rel, language: path.extname(full).slice(1), content: fs.readFileSync(full, "utf8") };
}
