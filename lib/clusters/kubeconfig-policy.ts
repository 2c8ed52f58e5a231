/**
 * What Daybook accepts from an uploaded kubeconfig: one context, reduced to inline data only
 * (server, CA, TLS server name, a token or client certificate, namespace). Anything that would make
 * Daybook run a program, read a file, use a proxy or skip TLS verification is refused with a
 * message that says how to fix it. The server address itself is judged by address-policy.ts.
 */
import {
  checkClientCertificate,
  checkToken,
  decodePemData,
  parseCertificates,
  parsePrivateKey,
} from "./kubeconfig-credentials";
import {
  failure,
  FLATTEN_HINT,
  readKubeconfig,
  stringField,
  yaml11Boolean,
  type KubeconfigDocument,
  type PolicyFailure,
  type RawEntry,
} from "./kubeconfig-document";
import { COURSE_NAMESPACE } from "@/lib/pack/manifests";
import { serviceAccountGuide } from "./service-account-guide";

export { KUBECONFIG_MAX_BYTES, type PolicyFailure } from "./kubeconfig-document";

export interface ContextSummary {
  name: string;
  cluster: string;
  user: string;
  /** The cluster's server as written, when the cluster entry exists. */
  server?: string;
  namespace?: string;
  current: boolean;
}

export type ListContextsResult = { ok: true; contexts: ContextSummary[] } | PolicyFailure;

export function listContexts(text: string): ListContextsResult {
  const read = readKubeconfig(text);
  if (!read.ok) return read;
  const { doc } = read;
  const contexts = [...doc.contexts].map(([name, context]): ContextSummary => {
    const cluster = stringField(context, "cluster") ?? "";
    const server = stringField(doc.clusters.get(cluster) ?? {}, "server");
    const namespace = stringField(context, "namespace");
    return {
      name,
      cluster,
      user: stringField(context, "user") ?? "",
      ...(server ? { server } : {}),
      ...(namespace ? { namespace } : {}),
      current: name === doc.currentContext,
    };
  });
  return { ok: true, contexts };
}

/** A kubeconfig with one context and inline data only, in kubeconfig's own field names. */
export interface MinimalKubeconfig {
  apiVersion: "v1";
  kind: "Config";
  clusters: [{ name: string; cluster: MinimalCluster }];
  users: [{ name: string; user: MinimalUser }];
  contexts: [{ name: string; context: { cluster: string; user: string; namespace?: string } }];
  "current-context": string;
}
interface MinimalCluster {
  server: string;
  "certificate-authority-data"?: string;
  "tls-server-name"?: string;
  "insecure-skip-tls-verify"?: true;
}
interface MinimalUser {
  token?: string;
  "client-certificate-data"?: string;
  "client-key-data"?: string;
}

export interface ExtractOptions {
  /** An administrator allows insecure-skip-tls-verify (DAYBOOK_CLUSTER_ALLOW_INSECURE_TLS). */
  allowInsecure?: boolean;
  /** The team's namespace, used in the suggested ServiceAccount commands. */
  teamNamespace?: string;
  now?: Date;
}

export interface ExtractedContext {
  ok: true;
  kubeconfig: MinimalKubeconfig;
  server: URL;
  namespace?: string;
  /** When the token or client certificate stops working, if it says. */
  expiresAt?: Date;
  /** Fields that were present and left out (extensions, disable-compression, …). */
  ignored: string[];
}

export type ExtractResult = ExtractedContext | PolicyFailure;

const CLUSTER_KEEPS = new Set(["server", "certificate-authority-data", "tls-server-name", "insecure-skip-tls-verify"]);
const USER_KEEPS = new Set(["token", "client-certificate-data", "client-key-data"]);
const CONTEXT_KEEPS = new Set(["cluster", "user", "namespace"]);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$/;

type Step<T> = { ok: true; value: T } | PolicyFailure;

export function extractContext(text: string, contextName: string, options: ExtractOptions = {}): ExtractResult {
  const read = readKubeconfig(text);
  if (!read.ok) return read;
  const picked = pickContext(read.doc, contextName);
  if (!picked.ok) return picked;
  const { context, clusterName, cluster, userName, user } = picked.value;
  const namespace = stringField(context, "namespace");
  if (context.namespace !== undefined && (namespace === undefined || !DNS_LABEL.test(namespace))) {
    return failure(`contexts[${contextName}].context.namespace`, `The namespace "${String(context.namespace)}" is not a valid namespace name.`);
  }
  const guide = () => serviceAccountGuide({ namespace: options.teamNamespace ?? namespace ?? COURSE_NAMESPACE, context: contextName });
  const clusterPart = checkCluster(clusterName, cluster, options);
  if (!clusterPart.ok) return clusterPart;
  const userPart = checkUser(userName, user, options.now ?? new Date(), guide);
  if (!userPart.ok) return userPart;

  const ignored = [
    ...clusterPart.value.dropped,
    ...unknownKeys(cluster, CLUSTER_KEEPS, `clusters[${clusterName}].cluster`),
    ...unknownKeys(user, USER_KEEPS, `users[${userName}].user`),
    ...unknownKeys(context, CONTEXT_KEEPS, `contexts[${contextName}].context`),
  ];
  const kubeconfig: MinimalKubeconfig = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: clusterName, cluster: clusterPart.value.cluster }],
    users: [{ name: userName, user: userPart.value.user }],
    contexts: [{ name: contextName, context: { cluster: clusterName, user: userName, ...(namespace ? { namespace } : {}) } }],
    "current-context": contextName,
  };
  return {
    ok: true,
    kubeconfig,
    server: clusterPart.value.server,
    ...(namespace ? { namespace } : {}),
    ...(userPart.value.expiresAt ? { expiresAt: userPart.value.expiresAt } : {}),
    ignored,
  };
}

function pickContext(doc: KubeconfigDocument, contextName: string) {
  const context = doc.contexts.get(contextName);
  if (!context) {
    const names = [...doc.contexts.keys()].map((name) => `"${name}"`).join(", ");
    return failure("context", `There is no context named "${contextName}"; the kubeconfig has ${names}.`);
  }
  const clusterName = stringField(context, "cluster") ?? "";
  const userName = stringField(context, "user") ?? "";
  const cluster = doc.clusters.get(clusterName);
  if (!cluster) return failure(`contexts[${contextName}].context.cluster`, `The context "${contextName}" names a cluster "${clusterName}" that the kubeconfig does not contain.`);
  const user = doc.users.get(userName);
  if (!user) return failure(`contexts[${contextName}].context.user`, `The context "${contextName}" names a user "${userName}" that the kubeconfig does not contain.`);
  return { ok: true as const, value: { context, clusterName, cluster, userName, user } };
}

function checkServer(value: unknown, field: string): Step<URL> {
  if (typeof value !== "string" || value.trim() === "") return failure(field, "The cluster has no server address.");
  const notUrl = failure(field, `The server "${value}" is not a URL such as https://203.0.113.10:6443.`);
  // without "//", "host:6443" would read as a URL whose scheme is "host"
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) return notUrl;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return notUrl;
  }
  if (url.protocol !== "https:") {
    return failure(field, `The server uses ${url.protocol.replace(":", "")}://; Daybook only connects over https:// so that credentials never travel in clear.`);
  }
  if (url.username || url.password) return failure(field, "The server address contains a user name or password; put credentials in the user entry.");
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    return failure(field, `The server address must be only https://host:port, without a path or query (got "${url.pathname}${url.search}").`);
  }
  return { ok: true, value: url };
}

function checkCluster(
  name: string,
  cluster: RawEntry,
  options: ExtractOptions,
): Step<{ server: URL; cluster: MinimalCluster; dropped: string[] }> {
  const at = `clusters[${name}].cluster`;
  const server = checkServer(cluster.server, `${at}.server`);
  if (!server.ok) return server;
  if (cluster["proxy-url"] !== undefined) {
    return failure(`${at}.proxy-url`, "The cluster is reached through a proxy (proxy-url); Daybook connects to the API server directly.");
  }
  if (cluster["certificate-authority"] !== undefined) {
    return failure(`${at}.certificate-authority`, `The cluster's CA certificate is a file path, which Daybook cannot read. Export the kubeconfig with the file contents embedded: \`${FLATTEN_HINT}\`.`);
  }
  const insecure = cluster["insecure-skip-tls-verify"];
  const insecureFlag = insecure === undefined || insecure === null ? false : yaml11Boolean(insecure);
  if (insecureFlag === undefined) return failure(`${at}.insecure-skip-tls-verify`, "insecure-skip-tls-verify must be true or false.");
  if (insecureFlag && !options.allowInsecure) {
    return failure(`${at}.insecure-skip-tls-verify`, "The cluster turns off TLS verification (insecure-skip-tls-verify: true), so anyone in between could read the credentials. Add the cluster's CA as certificate-authority-data instead; an administrator can allow insecure clusters.");
  }
  const tlsServerName = cluster["tls-server-name"];
  if (tlsServerName !== undefined && (typeof tlsServerName !== "string" || !HOST_NAME.test(tlsServerName))) {
    return failure(`${at}.tls-server-name`, "tls-server-name must be a host name.");
  }
  const kept: MinimalCluster = { server: server.value.origin };
  const dropped: string[] = [];
  if (insecureFlag) {
    kept["insecure-skip-tls-verify"] = true;
    if (cluster["certificate-authority-data"] !== undefined) dropped.push(`${at}.certificate-authority-data`);
  }
  // Like client-go: a CA together with insecure-skip-tls-verify is contradictory, and insecure wins.
  else if (cluster["certificate-authority-data"] !== undefined) {
    const ca = decodePemData(cluster["certificate-authority-data"], "certificate-authority-data");
    if (!ca.ok) return failure(`${at}.certificate-authority-data`, `The cluster's ${ca.message}.`);
    const certificates = parseCertificates(ca.value.pem, "certificate-authority-data");
    if (!certificates.ok) return failure(`${at}.certificate-authority-data`, `The cluster's ${certificates.message}.`);
    kept["certificate-authority-data"] = ca.value.base64;
  }
  if (typeof tlsServerName === "string") kept["tls-server-name"] = tlsServerName;
  return { ok: true, value: { server: server.value, cluster: kept, dropped } };
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

function checkUser(
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

function unknownKeys(entry: RawEntry, keeps: ReadonlySet<string>, at: string): string[] {
  return Object.keys(entry)
    .filter((key) => !keeps.has(key) && entry[key] !== undefined && entry[key] !== null)
    .map((key) => `${at}.${key}`);
}
