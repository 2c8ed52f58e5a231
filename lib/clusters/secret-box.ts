/**
 * Seals a JSON value (a team's cluster credentials) with AES-256-GCM for storage, and opens it again.
 * Layout, base64url-encoded: format (1 byte) | key id (1 byte) | nonce (12 random bytes) | ciphertext | tag (16).
 * The two header bytes and an optional context (e.g. the team id) are authenticated, so a sealed
 * value cannot be edited, nor moved to another team's row, without open() failing.
 */
import crypto from "node:crypto";
import type { Env } from "@/lib/db/config";
import { encryptionKeys, KEY_SETTING } from "./encryption-key";

const FORMAT = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 2;

export const CANNOT_DECRYPT = `the stored credentials cannot be decrypted with the current ${KEY_SETTING}`;

export class SecretBoxError extends Error {}

export interface SecretBox {
  seal(value: unknown, context?: string): string;
  open(sealed: string, context?: string): unknown;
  /** False for values sealed with a previous key: re-seal them to finish a rotation. */
  isSealedWithCurrentKey(sealed: string): boolean;
}

/** One byte naming the key, so open() knows which key to try; it says nothing useful about the key. */
export const keyId = (key: Buffer) =>
  crypto.createHash("sha256").update("daybook secret-box key id\0").update(key).digest()[0]!;

const associatedData = (header: Buffer, context: string | undefined) =>
  Buffer.concat([header, Buffer.from(context ?? "", "utf8")]);

function decode(sealed: string): Buffer {
  if (typeof sealed !== "string" || !/^[A-Za-z0-9_-]+$/.test(sealed)) throw new SecretBoxError(`${CANNOT_DECRYPT}: it is not a sealed value`);
  const bytes = Buffer.from(sealed, "base64url");
  if (bytes.length < HEADER_BYTES + NONCE_BYTES + TAG_BYTES || bytes[0] !== FORMAT) {
    throw new SecretBoxError(`${CANNOT_DECRYPT}: it is not a sealed value`);
  }
  return bytes;
}

export function createSecretBox(keys: { current: Buffer; previous?: readonly Buffer[] }): SecretBox {
  for (const key of [keys.current, ...(keys.previous ?? [])]) {
    if (key.length !== 32) throw new SecretBoxError("AES-256-GCM needs a 32-byte key");
  }
  const currentId = keyId(keys.current);
  const all = [keys.current, ...(keys.previous ?? [])];

  return {
    seal(value, context) {
      const json = JSON.stringify(value);
      if (json === undefined) throw new SecretBoxError("only JSON values can be sealed");
      const header = Buffer.from([FORMAT, currentId]);
      const nonce = crypto.randomBytes(NONCE_BYTES);
      const cipher = crypto.createCipheriv("aes-256-gcm", keys.current, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(header, context));
      const ciphertext = Buffer.concat([cipher.update(json, "utf8"), cipher.final()]);
      return Buffer.concat([header, nonce, ciphertext, cipher.getAuthTag()]).toString("base64url");
    },

    open(sealed, context) {
      const bytes = decode(sealed);
      const header = bytes.subarray(0, HEADER_BYTES);
      const nonce = bytes.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
      const ciphertext = bytes.subarray(HEADER_BYTES + NONCE_BYTES, bytes.length - TAG_BYTES);
      const tag = bytes.subarray(bytes.length - TAG_BYTES);
      const candidates = all.filter((key) => keyId(key) === header[1]);
      if (candidates.length === 0) throw new SecretBoxError(`${CANNOT_DECRYPT}: they were sealed with another key`);
      for (const key of candidates) {
        try {
          const decipher = crypto.createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
          decipher.setAAD(associatedData(header, context));
          decipher.setAuthTag(tag);
          const json = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
          return JSON.parse(json) as unknown;
        } catch {
          // a one-byte key id can collide: try the next candidate before giving up
        }
      }
      throw new SecretBoxError(`${CANNOT_DECRYPT}: the key does not match, or the value was altered`);
    },

    isSealedWithCurrentKey(sealed) {
      return decode(sealed)[1] === currentId;
    },
  };
}

/** The box for DAYBOOK_ENCRYPTION_KEY (or the generated key file). Throws EncryptionKeyError on a bad key. */
export function secretBoxFromEnv(env: Env = process.env): SecretBox {
  const { current, previous } = encryptionKeys(env);
  return createSecretBox({ current, previous });
}
