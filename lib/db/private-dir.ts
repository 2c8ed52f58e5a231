import fs from "node:fs";
import path from "node:path";

/**
 * Makes `dir` (created if missing) readable by its owner only: folders 0700, files 0600. The embedded
 * database writes its files world-writable, so this runs on every start, before and after opening it.
 */
export function makePrivate(dir: string, { recursive = true } = {}): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  if (!recursive) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    const full = path.join(entry.parentPath, entry.name);
    fs.chmodSync(full, entry.isDirectory() ? 0o700 : 0o600);
  }
}
