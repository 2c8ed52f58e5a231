/**
 * Every cluster-connection setting, read and checked together so that a mistake stops the start-up
 * (call it from instrumentation) instead of surfacing on a student's first connection.
 */
import type { Env } from "@/lib/db/config";
import { addressPolicyFromEnv, type AddressPolicy } from "./address-policy";
import { secretBoxFromEnv, type SecretBox } from "./secret-box";

export const ALLOW_INSECURE_SETTING = "DAYBOOK_CLUSTER_ALLOW_INSECURE_TLS";

export class ClusterSettingsError extends Error {}

export interface ClusterSettings {
  addressPolicy: AddressPolicy;
  /** Passed to extractContext as allowInsecure. */
  allowInsecureTls: boolean;
  secretBox: SecretBox;
}

function strictBoolean(env: Env, name: string): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === "" || value === "false") return false;
  if (value === "true") return true;
  throw new ClusterSettingsError(`${name} must be true or false`);
}

/** Throws AllowListError, EncryptionKeyError or ClusterSettingsError with a message naming the setting. */
export function clusterSettingsFromEnv(env: Env = process.env): ClusterSettings {
  return {
    addressPolicy: addressPolicyFromEnv(env),
    allowInsecureTls: strictBoolean(env, ALLOW_INSECURE_SETTING),
    secretBox: secretBoxFromEnv(env),
  };
}
