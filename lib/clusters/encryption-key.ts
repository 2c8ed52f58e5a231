/**
 * The key that seals stored cluster credentials. DAYBOOK_ENCRYPTION_KEY (32 bytes, base64 or hex);
 * on the embedded set-up without it, one generated on first start into the data directory (0600 in
 * a 0700 directory). DAYBOOK_ENCRYPTION_PREVIOUS_KEYS keeps older keys readable while rotating.
 * Errors describe a bad key, never repeat it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabaseConfig, stateDir, type Env } from "@/lib/db/config";

export const KEY_SETTING = "DAYBOOK_ENCRYPTION_KEY";
export const PREVIOUS_KEYS_SETTING = "DAYBOOK_ENCRYPTION_PREVIOUS_KEYS";
export const KEY_FILE_NAME = "encryption-key";
const KEY_BYTES = 32;

export class EncryptionKeyError extends Error {}

export interface EncryptionKeys {
  current: Buffer;
  previous: Buffer[];
  source: "environment" | "file";
}

/** 32 bytes from 64 hex digits or from base64 / base64url (padding optional). */
export function parseEncryptionKey(text: string, setting: string = KEY_SETTING): Buffer {
  const value = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, "hex");
  else if (/^[A-Za-z0-9+/]{43}=?$/.test(value) || /^[A-Za-z0-9_-]{43}=?$/.test(value)) {
    key = Buffer.from(value.replace(/=$/, ""), value.includes("-") || value.includes("_") ? "base64url" : "base64");
  }
  if (!key || key.length !== KEY_BYTES) {
    throw new EncryptionKeyError(
      `${setting} must be ${KEY_BYTES} random bytes written as base64 (44 characters) or hex (64 characters), ` +
        `e.g. from \`openssl rand -base64 32\`; the value given is ${value.length} characters long.`,
    );
  }
  return key;
}

/** Creates the key file once, atomically: a complete file appears under its name or nothing does. */
function generatedKey(dir: string): Buffer {
  const file = path.join(dir, KEY_FILE_NAME);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const draft = path.join(dir, `.${KEY_FILE_NAME}.${process.pid}.${crypto.randomBytes(6).toString("hex")}`);
    fs.writeFileSync(draft, `${crypto.randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      // Another process (the proxy, a server worker) created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  try {
    return parseEncryptionKey(fs.readFileSync(file, "utf8"), `The key file ${file}`);
  } catch (error) {
    if (!(error instanceof EncryptionKeyError)) throw error;
    throw new EncryptionKeyError(
      `The key file ${file} is not a valid key. Restore it from a backup or set ${KEY_SETTING}; ` +
        "stored cluster credentials can only be read with the key they were sealed with.",
    );
  }
}

export function encryptionKeys(env: Env = process.env): EncryptionKeys {
  const previous = (env[PREVIOUS_KEYS_SETTING] ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, i) => parseEncryptionKey(part, `${PREVIOUS_KEYS_SETTING} entry ${i + 1}`));
  const configured = env[KEY_SETTING]?.trim();
  if (configured) return { current: parseEncryptionKey(configured), previous, source: "environment" };
  if (resolveDatabaseConfig(env).kind === "postgres") {
    throw new EncryptionKeyError(
      `${KEY_SETTING} is required with DATABASE_URL: every instance must seal and open cluster credentials with the same key. ` +
        "Generate one with `openssl rand -base64 32`.",
    );
  }
  return { current: generatedKey(stateDir(env)), previous, source: "file" };
}
