/** The user half of a kubeconfig context: inline credentials only, and ones that work today. */
import {
  checkClientCertificate,
  checkToken,
  decodePemData,
  parseCertificates,
  parsePrivateKey,
} from "./kubeconfig-credentials";
import { failure, FLATTEN_HINT, type RawEntry, type Step } from "./kubeconfig-document";

export interface MinimalUser {
  token?: string;
  "client-certificate-data"?: string;
  "client-key-data"?: string;
}

/** "aws eks get-token": the program and its sub-commands, without flag values that might be secrets. */
function execSummary(exec: unknown): string {
  const spec = (exec ?? {}) as { command?: unknown; args?: unknown };
  const command = typeof spec.command === "string" ? spec.command.split(/[\\/]/).pop() ?? "" : "";
  const args = Array.isArray(spec.args) ? spec.args : [];
  const subcommands: string[] = [];
  for (const arg of args) {
    if (typeof arg !== "string" || arg.startsWith("-") || subcommands.length === 2) break;
    subcommands.push(arg);
  }
  return [command, ...subcommands].filter(Boolean).join(" ") || "a program";
}

export function checkUser(
  name: string,
  user: RawEntry,
  now: Date,
  guide: () => string,
): Step<{ user: MinimalUser; expiresAt?: Date }> {
  const at = `users[${name}].user`;
  const instead = () => `Create a ServiceAccount token for Daybook instead:\n\n${guide()}`;
  if (user.exec !== undefined) {
    return failure(`${at}.exec`, `The user "${name}" uses an exec plugin (${execSummary(user.exec)}): Daybook cannot run programs. ${instead()}`);
  }
  if (user["auth-provider"] !== undefined) {
    const provider = (user["auth-provider"] as { name?: unknown } | null)?.name;
    const label = typeof provider === "string" ? ` "${provider}"` : "";
    return failure(`${at}.auth-provider`, `The user "${name}" signs in through the auth-provider${label}, which refreshes credentials by itself: Daybook cannot use it. ${instead()}`);
  }
  for (const [key, advice] of [
    ["client-certificate", `Export the kubeconfig with the file contents embedded: \`${FLATTEN_HINT}\`.`],
    ["client-key", `Export the kubeconfig with the file contents embedded: \`${FLATTEN_HINT}\`.`],
    ["tokenFile", "Put the token itself in the kubeconfig as `token:`."],
  ] as const) {
    if (user[key] !== undefined) return failure(`${at}.${key}`, `The user "${name}" reads ${key} from a file, which Daybook cannot read. ${advice}`);
  }
  if (user.username !== undefined || user.password !== undefined) {
    return failure(`${at}.username`, `The user "${name}" uses a user name and password (basic auth), which Kubernetes removed in 1.19 and which Daybook will not store. ${instead()}`);
  }
  const impersonation = ["as", "as-uid", "as-groups", "as-user-extra"].find((key) => user[key] !== undefined);
  if (impersonation) {
    return failure(`${at}.${impersonation}`, `The user "${name}" impersonates another identity (${impersonation}); Daybook connects as the credential's own identity. Remove the as-fields, or give Daybook a token of that identity.`);
  }
  const kept: MinimalUser = {};
  let expiresAt: Date | undefined;
  if (user.token !== undefined) {
    const token = checkToken(user.token, now);
    if (!token.ok) return failure(`${at}.token`, `The user "${name}": ${token.message}.`);
    kept.token = token.value.token;
    expiresAt = token.value.expiresAt;
  }
  const hasCert = user["client-certificate-data"] !== undefined;
  const hasKey = user["client-key-data"] !== undefined;
  if (hasCert !== hasKey) {
    const missing = hasCert ? "client-key-data" : "client-certificate-data";
    return failure(`${at}.${missing}`, `The user "${name}" has half a client certificate: ${missing} is missing.`);
  }
  if (hasCert) {
    const certificate = clientCertificate(user, at, name, now);
    if (!certificate.ok) return certificate;
    kept["client-certificate-data"] = certificate.value.certificate;
    kept["client-key-data"] = certificate.value.key;
    if (!expiresAt || certificate.value.expiresAt < expiresAt) expiresAt = certificate.value.expiresAt;
  }
  if (!kept.token && !kept["client-certificate-data"]) {
    return failure(at, `The user "${name}" has no credentials (a token or a client certificate). ${instead()}`);
  }
  return { ok: true, value: expiresAt ? { user: kept, expiresAt } : { user: kept } };
}

function clientCertificate(user: RawEntry, at: string, name: string, now: Date): Step<{ certificate: string; key: string; expiresAt: Date }> {
  const certData = decodePemData(user["client-certificate-data"], "client-certificate-data");
  if (!certData.ok) return failure(`${at}.client-certificate-data`, `The user "${name}": ${certData.message}.`);
  const certificates = parseCertificates(certData.value.pem, "client-certificate-data");
  if (!certificates.ok) return failure(`${at}.client-certificate-data`, `The user "${name}": ${certificates.message}.`);
  const keyData = decodePemData(user["client-key-data"], "client-key-data");
  if (!keyData.ok) return failure(`${at}.client-key-data`, `The user "${name}": ${keyData.message}.`);
  const key = parsePrivateKey(keyData.value.pem, "client-key-data");
  if (!key.ok) return failure(`${at}.client-key-data`, `The user "${name}": ${key.message}.`);
  const valid = checkClientCertificate(certificates.value[0]!, key.value, now);
  if (!valid.ok) return failure(`${at}.client-certificate-data`, `The user "${name}": ${valid.message}.`);
  return { ok: true, value: { certificate: certData.value.base64, key: keyData.value.base64, expiresAt: valid.value } };
}
