/**
 * What Daybook accepts from an uploaded kubeconfig: one context, reduced to inline data only
 * (server, CA, TLS server name, a token or client certificate, namespace). Anything that would make
 * Daybook run a program, read a file, use a proxy or skip TLS verification is refused with a
 * message that says how to fix it. The server address itself is judged by address-policy.ts.
 */
import { checkCluster, type MinimalCluster } from "./kubeconfig-cluster";
import { failure, readKubeconfig, stringField, type KubeconfigDocument, type PolicyFailure, type RawEntry } from "./kubeconfig-document";
import { checkUser, type MinimalUser } from "./kubeconfig-user";
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

function unknownKeys(entry: RawEntry, keeps: ReadonlySet<string>, at: string): string[] {
  return Object.keys(entry)
    .filter((key) => !keeps.has(key) && entry[key] !== undefined && entry[key] !== null)
    .map((key) => `${at}.${key}`);
}
