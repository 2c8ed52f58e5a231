import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openEmbedded } from "./sql-client";

const modes = (dir: string) => {
  const seen = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const mode = fs.statSync(path.join(entry.parentPath, entry.name)).mode & 0o777;
    seen.add(`${entry.isDirectory() ? "dir" : "file"} ${mode.toString(8)}`);
  }
  return seen;
};

describe("the embedded database's files", () => {
  it("are the owner's alone, in a new data directory and in an existing world-writable one", async () => {
    const state = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-private-"));
    const dataDir = path.join(state, "pglite");
    try {
      const first = await openEmbedded(dataDir);
      await first.exec("CREATE TABLE t (x int)");
      await first.close();
      expect(fs.statSync(state).mode & 0o777).toBe(0o700);
      expect(modes(state)).toEqual(new Set(["dir 700", "file 600"]));

      // A directory left by an older version: everything readable and writable by anyone.
      fs.chmodSync(state, 0o777);
      for (const entry of fs.readdirSync(state, { withFileTypes: true, recursive: true })) fs.chmodSync(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o777 : 0o666);
      const second = await openEmbedded(dataDir);
      await second.close();
      expect(fs.statSync(state).mode & 0o777).toBe(0o700);
      expect(modes(state)).toEqual(new Set(["dir 700", "file 600"]));
    } finally {
      fs.rmSync(state, { recursive: true, force: true });
    }
  });
});
