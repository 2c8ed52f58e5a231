import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AllowListError } from "./address-policy";
import { EncryptionKeyError } from "./encryption-key";
import { ClusterSettingsError, clusterSettingsFromEnv } from "./settings";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const server = () => ({
  DATABASE_URL: "postgresql://db/daybook",
  DAYBOOK_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  DAYBOOK_CLUSTER_RUN: path.join(os.tmpdir(), "daybook-no-cluster-here"),
});

describe("clusterSettingsFromEnv", () => {
  it("reads the allow-list, the insecure switch and the key", () => {
    const settings = clusterSettingsFromEnv({ ...server(), DAYBOOK_CLUSTER_ALLOW: "10.0.0.0/8", DAYBOOK_CLUSTER_ALLOW_INSECURE_TLS: "true" });
    expect(settings.addressPolicy.allow.map((entry) => entry.text)).toEqual(["10.0.0.0/8"]);
    expect(settings.allowInsecureTls).toBe(true);
    expect(settings.secretBox.open(settings.secretBox.seal({ a: 1 }))).toEqual({ a: 1 });
  });

  it("defaults to no allow-list and verified TLS; the embedded set-up generates its key", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-settings-"));
    dirs.push(dataDir);
    const settings = clusterSettingsFromEnv({ DAYBOOK_DATA_DIR: dataDir, DAYBOOK_CLUSTER_RUN: path.join(dataDir, "no-cluster") });
    expect(settings).toMatchObject({ addressPolicy: { allow: [] }, allowInsecureTls: false });
    expect(fs.existsSync(path.join(dataDir, "encryption-key"))).toBe(true);
  });

  it("stops on any bad setting", () => {
    expect(() => clusterSettingsFromEnv({ ...server(), DAYBOOK_CLUSTER_ALLOW_INSECURE_TLS: "yes" })).toThrow(ClusterSettingsError);
    expect(() => clusterSettingsFromEnv({ ...server(), DAYBOOK_CLUSTER_ALLOW: "10.0.0.0/99" })).toThrow(AllowListError);
    expect(() => clusterSettingsFromEnv({ ...server(), DAYBOOK_ENCRYPTION_KEY: "too short" })).toThrow(EncryptionKeyError);
  });
});
