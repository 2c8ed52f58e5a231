import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EncryptionKeyError, encryptionKeys, KEY_FILE_NAME, parseEncryptionKey } from "./encryption-key";
import { CANNOT_DECRYPT, createSecretBox, SecretBoxError, secretBoxFromEnv } from "./secret-box";

const key = () => crypto.randomBytes(32);
const credentials = { token: "eyJhbGciOi.secret.value", "client-key-data": "LS0tLS1CRUdJTi", expires: null, n: 3 };

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-key-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Flips one bit of the decoded value at `index` (negative counts from the end). */
function flip(sealed: string, index: number): string {
  const bytes = Buffer.from(sealed, "base64url");
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString("base64url");
}

describe("secret box", () => {
  it("round-trips JSON values, with a fresh nonce every time and no plaintext in the output", () => {
    const box = createSecretBox({ current: key() });
    const first = box.seal(credentials);
    const second = box.seal(credentials);
    expect(first).not.toBe(second);
    expect(Buffer.from(first, "base64url").subarray(2, 14)).not.toEqual(Buffer.from(second, "base64url").subarray(2, 14));
    expect(Buffer.from(first, "base64url").toString("latin1")).not.toContain("secret");
    expect(box.open(first)).toEqual(credentials);
    for (const value of ["text", 0, true, null, [1, { a: "b" }], { nested: { deep: ["ü", "✓"] } }]) {
      expect(box.open(box.seal(value))).toEqual(value);
    }
    expect(() => box.seal(undefined)).toThrow(SecretBoxError);
  });

  it.each([
    ["the format byte", 0],
    ["the key id", 1],
    ["the nonce", 5],
    ["the ciphertext", 20],
    ["the tag", -1],
  ])("detects a change to %s", (_label, index) => {
    const box = createSecretBox({ current: key() });
    const sealed = box.seal(credentials);
    expect(() => box.open(flip(sealed, index))).toThrow(SecretBoxError);
    expect(() => box.open(flip(sealed, index))).toThrow(CANNOT_DECRYPT);
  });

  it("detects a truncated value and text that was never sealed", () => {
    const box = createSecretBox({ current: key() });
    const sealed = box.seal(credentials);
    expect(() => box.open(sealed.slice(0, 30))).toThrow(/not a sealed value|altered/);
    expect(() => box.open("not sealed at all")).toThrow(/not a sealed value/);
    expect(() => box.open(JSON.stringify(credentials))).toThrow(/not a sealed value/);
  });

  it("binds a value to its context, so it cannot be moved to another team's row", () => {
    const box = createSecretBox({ current: key() });
    const sealed = box.seal(credentials, "team:atlas");
    expect(box.open(sealed, "team:atlas")).toEqual(credentials);
    expect(() => box.open(sealed, "team:borealis")).toThrow(CANNOT_DECRYPT);
    expect(() => box.open(sealed)).toThrow(CANNOT_DECRYPT);
  });

  it("refuses with the documented message under another key", () => {
    const sealed = createSecretBox({ current: key() }).seal(credentials);
    expect(() => createSecretBox({ current: key() }).open(sealed)).toThrow(
      "the stored credentials cannot be decrypted with the current DAYBOOK_ENCRYPTION_KEY",
    );
  });

  it("rotates: previous keys still open old values, which report that they need re-sealing", () => {
    const old = key();
    const fresh = key();
    const sealedOld = createSecretBox({ current: old }).seal(credentials);
    const rotated = createSecretBox({ current: fresh, previous: [old] });
    expect(rotated.open(sealedOld)).toEqual(credentials);
    expect(rotated.isSealedWithCurrentKey(sealedOld)).toBe(false);
    const resealed = rotated.seal(rotated.open(sealedOld));
    expect(rotated.isSealedWithCurrentKey(resealed)).toBe(true);
    expect(() => createSecretBox({ current: fresh }).open(sealedOld)).toThrow(/sealed with another key/);
  });
});

describe("the encryption key", () => {
  it("reads 32 bytes as base64, base64url or hex", () => {
    const raw = key();
    expect(parseEncryptionKey(raw.toString("base64"))).toEqual(raw);
    expect(parseEncryptionKey(raw.toString("base64url"))).toEqual(raw);
    expect(parseEncryptionKey(` ${raw.toString("hex")}\n`)).toEqual(raw);
    expect(parseEncryptionKey(raw.toString("hex").toUpperCase())).toEqual(raw);
  });

  it.each([
    ["a passphrase", "correct horse battery staple"],
    ["16 bytes", crypto.randomBytes(16).toString("base64")],
    ["48 bytes", crypto.randomBytes(48).toString("base64")],
    ["63 hex digits", crypto.randomBytes(32).toString("hex").slice(1)],
  ])("refuses %s without repeating it", (_label, value) => {
    const env = { DAYBOOK_ENCRYPTION_KEY: value, DATABASE_URL: "postgresql://db/x" };
    expect(() => secretBoxFromEnv(env)).toThrow(EncryptionKeyError);
    expect(() => secretBoxFromEnv(env)).toThrow(/DAYBOOK_ENCRYPTION_KEY must be 32 random bytes written as base64 \(44 characters\) or hex/);
    try {
      secretBoxFromEnv(env);
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
  });

  it("uses the environment key and previous keys when set", () => {
    const current = key();
    const previous = [key(), key()];
    const keys = encryptionKeys({
      DAYBOOK_ENCRYPTION_KEY: current.toString("base64"),
      DAYBOOK_ENCRYPTION_PREVIOUS_KEYS: previous.map((k) => k.toString("hex")).join(", "),
      DAYBOOK_DATA_DIR: tempDir(),
    });
    expect(keys).toEqual({ current, previous, source: "environment" });
    expect(() => encryptionKeys({ DAYBOOK_ENCRYPTION_KEY: current.toString("base64"), DAYBOOK_ENCRYPTION_PREVIOUS_KEYS: "short" })).toThrow(
      /DAYBOOK_ENCRYPTION_PREVIOUS_KEYS entry 1 must be 32 random bytes/,
    );
  });

  it("requires the environment key with a PostgreSQL server", () => {
    expect(() => encryptionKeys({ DATABASE_URL: "postgresql://db/daybook", DAYBOOK_DATA_DIR: tempDir() })).toThrow(
      /DAYBOOK_ENCRYPTION_KEY is required with DATABASE_URL/,
    );
  });

  it("generates one key on the embedded set-up, private to the owner, and keeps it", () => {
    const dataDir = path.join(tempDir(), "data");
    const env = { DAYBOOK_DATA_DIR: dataDir };
    const first = encryptionKeys(env);
    expect(first.source).toBe("file");
    expect(first.current).toHaveLength(32);
    expect(encryptionKeys(env).current).toEqual(first.current);
    expect(fs.statSync(path.join(dataDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(dataDir)).toEqual([KEY_FILE_NAME]);
    const sealed = secretBoxFromEnv(env).seal(credentials);
    expect(secretBoxFromEnv(env).open(sealed)).toEqual(credentials);
  });

  it("refuses a damaged key file instead of replacing it", () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, KEY_FILE_NAME), "", { mode: 0o600 });
    expect(() => encryptionKeys({ DAYBOOK_DATA_DIR: dataDir })).toThrow(/is not a valid key. Restore it from a backup/);
    expect(fs.readFileSync(path.join(dataDir, KEY_FILE_NAME), "utf8")).toBe("");
  });

  it("gives processes that start at once the same key", async () => {
    const dataDir = path.join(tempDir(), "data");
    const go = path.join(tempDir(), "go");
    const script = [
      `import fs from "node:fs";`,
      `import crypto from "node:crypto";`,
      `const { encryptionKeys } = await import(${JSON.stringify(path.resolve("lib/clusters/encryption-key.ts"))});`,
      `process.stdout.write("ready\\n");`,
      `while (!fs.existsSync(${JSON.stringify(go)})) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);`,
      `const { current } = encryptionKeys({ DAYBOOK_DATA_DIR: ${JSON.stringify(dataDir)} });`,
      `process.stdout.write(crypto.createHash("sha256").update(current).digest("hex") + "\\n");`,
    ].join("\n");
    const children = Array.from({ length: 6 }, () => startChild(script));
    await Promise.all(children.map((child) => child.ready));
    fs.writeFileSync(go, "");
    const results = await Promise.all(children.map((child) => child.done));
    const fingerprints = new Set(results.map((lines) => lines[1]));
    expect(fingerprints.size).toBe(1);
    const onDisk = parseEncryptionKey(fs.readFileSync(path.join(dataDir, KEY_FILE_NAME), "utf8"));
    expect([...fingerprints][0]).toBe(crypto.createHash("sha256").update(onDisk).digest("hex"));
    expect(fs.readdirSync(dataDir)).toEqual([KEY_FILE_NAME]);
  }, 60_000);
});

/** A node process running `script`; ready once it printed its first line, done with all its lines. */
function startChild(script: string): { ready: Promise<void>; done: Promise<string[]> } {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes("\n")) markReady();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<string[]>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(stdout.trim().split("\n")) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
  // a child that dies before printing must not leave the test waiting for "ready"
  done.catch(() => markReady());
  return { ready, done };
}
