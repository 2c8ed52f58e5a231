import "server-only";
import fs from "node:fs";
import type { Actor } from "@/lib/auth/session";
import { checkApiServerAddress } from "@/lib/clusters/address-policy";
import { localClusterKubeconfigPath } from "@/lib/clusters/allow-list";
import { extractContext, listContexts, type ContextSummary, type MinimalKubeconfig } from "@/lib/clusters/kubeconfig-policy";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { buildKubeConfig, type ClusterCredentials } from "@/lib/k8s/client";
import { COURSE_NAMESPACE } from "@/lib/pack/manifests";
import { clusterSettings, openTeamConnection, sealContext } from "@/lib/runs/connection";
import { testConnection, type ConnectionReport } from "@/lib/runs/test-connection";
import type { TClusterSettings, TConnectCluster } from "@/lib/validations/cluster";
import { audited } from "@/lib/audit/append";
import { authorizeTeam } from "./access";

export type ClusterSummary = {
  connected: boolean;
  server?: string;
  contextName?: string;
  source?: string;
  namespace: string;
  registry: string;
  mirrorPublic: boolean;
  productionUrl: string | null;
  monitoringUrl: string | null;
  productionHost: string | null;
  monitoringHost: string | null;
  serverVersion: string | null;
  nodesReady: string | null;
  testedAt: Date | null;
  connectedBy?: string;
  connectedAt?: Date;
};

/** What the team may see of its cluster connection: never the credentials. */
export async function getClusterSummary(actor: Actor, teamId: string): Promise<ClusterSummary> {
  await authorizeTeam(actor, "cluster.read", teamId);
  const row = await (await getDb()).teamCluster.findUnique({
    where: { teamId },
    select: { server: true, contextName: true, source: true, namespace: true, registry: true, mirrorPublic: true, productionUrl: true, monitoringUrl: true, productionHost: true, monitoringHost: true, serverVersion: true, nodesReady: true, testedAt: true, connectedAt: true, connectedBy: { select: { name: true } } },
  });
  if (!row) return { connected: false, namespace: COURSE_NAMESPACE, registry: "", mirrorPublic: false, productionUrl: null, monitoringUrl: null, productionHost: null, monitoringHost: null, serverVersion: null, nodesReady: null, testedAt: null };
  const { connectedBy, ...rest } = row;
  return { connected: true, ...rest, connectedBy: connectedBy.name };
}

/** The contexts of a pasted kubeconfig, to pick one; malformed input is a clear error, never an echo of the file. */
export async function kubeconfigContexts(actor: Actor, teamId: string, kubeconfig: string): Promise<ContextSummary[]> {
  await authorizeTeam(actor, "cluster.connect", teamId);
  const listed = listContexts(kubeconfig);
  if (!listed.ok) throw new AppError("INVALID", listed.message);
  return listed.contexts;
}

/** `npm run cluster:up`'s kubeconfig, offered to a newcomer when it exists on this server. */
export function localClusterAvailable(): boolean {
  return fs.existsSync(localClusterKubeconfigPath());
}

function credentialsOf(k: MinimalKubeconfig): ClusterCredentials {
  const { cluster } = k.clusters[0];
  const { user } = k.users[0];
  return {
    server: cluster.server,
    certificateAuthorityData: cluster["certificate-authority-data"],
    tlsServerName: cluster["tls-server-name"],
    insecureSkipTlsVerify: cluster["insecure-skip-tls-verify"],
    clientCertificateData: user["client-certificate-data"],
    clientKeyData: user["client-key-data"],
    token: user.token,
  };
}

function readSource(input: TConnectCluster): { text: string; context: string } {
  if (input.source === "kubeconfig") return { text: input.kubeconfig, context: input.context };
  const file = localClusterKubeconfigPath();
  if (!fs.existsSync(file)) throw new AppError("NOT_FOUND", "There is no local control plane on this server. Start one with `npm run cluster:up`, or upload a kubeconfig.");
  const text = fs.readFileSync(file, "utf8");
  const listed = listContexts(text);
  if (!listed.ok || listed.contexts.length === 0) throw new AppError("INVALID", "The local control plane's kubeconfig cannot be read.");
  return { text, context: listed.contexts[0]!.name };
}

/**
 * Checks a kubeconfig context against the policy (no exec plugins, no file paths, no forbidden
 * addresses), tries it, and only then stores its credentials, sealed. Nothing is saved on failure.
 */
export async function connectTeamCluster(actor: Actor, input: TConnectCluster): Promise<ClusterSummary & { report: ConnectionReport }> {
  await authorizeTeam(actor, "cluster.connect", input.teamId);
  const db = await getDb();
  const current = await db.teamCluster.findUnique({ where: { teamId: input.teamId }, select: { namespace: true } });
  const namespace = current?.namespace ?? COURSE_NAMESPACE;
  const { text, context } = readSource(input);
  const settings = clusterSettings();
  const extracted = extractContext(text, context, { allowInsecure: settings.allowInsecureTls, teamNamespace: namespace });
  if (!extracted.ok) throw new AppError("INVALID", extracted.message);
  const address = await checkApiServerAddress(extracted.server, settings.addressPolicy);
  if (!address.ok) throw new AppError("INVALID", address.message);
  const credentials = credentialsOf(extracted.kubeconfig);
  const kc = buildKubeConfig({ credentials, pinned: address.pinned, timeoutMs: 8000 });
  let report: ConnectionReport;
  try {
    report = await testConnection(kc, namespace);
  } finally {
    kc.close();
  }
  if (!report.reachable) throw new AppError("INVALID", `Daybook could not use this cluster: ${report.problem}. Nothing was saved.`);
  const sealed = settings.secretBox.seal(credentials, sealContext(input.teamId));
  const data = { server: credentials.server, contextName: context, source: input.source, credentials: sealed, serverVersion: report.serverVersion, nodesReady: report.nodesReady, testedAt: new Date(), connectedById: actor.id, connectedAt: new Date() };
  await audited(db, (tx) => tx.teamCluster.upsert({ where: { teamId: input.teamId }, create: { teamId: input.teamId, ...data }, update: { ...data, version: { increment: 1 } }, select: { teamId: true } }),
    () => ({ type: "cluster.connected", actorId: actor.id, teamId: input.teamId, data: { server: credentials.server, contextName: context, source: input.source, serverVersion: report.serverVersion ?? null } }));
  return { ...(await getClusterSummary(actor, input.teamId)), report };
}

/** "Test connection": version, nodes, and what the stored identity may not do that the course needs. */
export async function testTeamCluster(actor: Actor, teamId: string): Promise<ConnectionReport> {
  await authorizeTeam(actor, "cluster.read", teamId);
  const conn = await openTeamConnection(teamId);
  if (!conn.ok) return { reachable: false, problem: conn.message, missing: [], unverified: [] };
  try {
    const report = await testConnection(conn.value.kc, conn.value.settings.namespace);
    if (report.reachable) await (await getDb()).teamCluster.update({ where: { teamId }, data: { serverVersion: report.serverVersion, nodesReady: report.nodesReady, testedAt: new Date() } });
    return report;
  } finally {
    conn.value.kc.close();
  }
}

export async function updateClusterSettings(actor: Actor, input: TClusterSettings): Promise<ClusterSummary> {
  await authorizeTeam(actor, "cluster.connect", input.teamId);
  const { teamId, ...settings } = input;
  const db = await getDb();
  const updated = await audited(db, (tx) => tx.teamCluster.updateMany({ where: { teamId }, data: { ...settings, version: { increment: 1 } } }), (r) => (r.count ? { type: "cluster.settings", actorId: actor.id, teamId, data: { ...settings } } : null));
  if (updated.count === 0) throw new AppError("INVALID", "Connect the team's cluster first; the settings belong to the connection.");
  return getClusterSummary(actor, teamId);
}

export async function disconnectTeamCluster(actor: Actor, teamId: string): Promise<void> {
  await authorizeTeam(actor, "cluster.connect", teamId);
  await audited(await getDb(), (tx) => tx.teamCluster.deleteMany({ where: { teamId } }), (r) => (r.count ? { type: "cluster.disconnected", actorId: actor.id, teamId } : null));
}
