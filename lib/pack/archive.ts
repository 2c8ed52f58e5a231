import { strToU8, zipSync, type Zippable } from "fflate";
import { defaultCourseDir } from "@/lib/course/load";
import { listPackFiles, readPackFile } from "./files";
import { servePackFile, type TeamPackSettings } from "./serve";

export const PACK_ARCHIVE_NAME = "daybook-course-pack.zip";
const ROOT = "course-pack";
const UNIX = 3;
const mode = (relPath: string) => (relPath.endsWith(".sh") ? 0o100755 : 0o100644);

/**
 * The whole course pack as one .zip, each file as `servePackFile` serves it. fflate: a small,
 * maintained, dependency-free zip writer; the pack is under a megabyte, so it is built in memory.
 */
export function buildPackArchive(settings: TeamPackSettings, dir = defaultCourseDir()): Uint8Array {
  const entries: Zippable = {};
  for (const relPath of listPackFiles(dir)) {
    const content = readPackFile(relPath, dir);
    if (content === null) continue;
    entries[`${ROOT}/${relPath}`] = [strToU8(servePackFile(relPath, content, settings)), { os: UNIX, attrs: mode(relPath) << 16 }];
  }
  return zipSync(entries, { level: 6, mtime: new Date("2026-01-01T00:00:00Z") });
}
