import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { stateDir } from "@/lib/db/config";

/**
 * AUTH_SECRET when configured; otherwise one generated on first run and kept beside the embedded
 * database, so sessions survive restarts without any setup. Several instances must share AUTH_SECRET.
 */
export function authSecret(env = process.env): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.join(stateDir(env), "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}
