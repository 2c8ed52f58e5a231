import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { stateDir, type Env } from "@/lib/db/config";

/**
 * AUTH_SECRET when configured; otherwise one generated on first run and kept beside the embedded
 * database, so sessions survive restarts without any setup. Several instances must share AUTH_SECRET.
 */
export function authSecret(env: Env = process.env): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.join(stateDir(env), "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process (the proxy, a server worker) created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}
