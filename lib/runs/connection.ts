import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { checkApiServerAddress, type PinnedAddress } from "@/lib/clusters/address-policy";
import { clusterSettingsFromEnv, type ClusterSettings } from "@/lib/clusters/settings";
import type { TeamSettings } from "@/lib/checks/types";
import { getDb } from "@/lib/db/prisma";
import { buildKubeConfig, type ClusterCredentials } from "@/lib/k8s/client";
import { failure, ok, type K8sResult } from "@/lib/k8s/result";
import { imageRefs, readPackImages } from "@/lib/pack/images";

export type TeamConnection = {
  teamId: string;
  kc: KubeConfig & { close(): void };
  server: string;
  settings: TeamSettings;
  registry: string;
  mirrorPublic: boolean;
  generatedSecrets: string | null;
  /** For tools that need their own connection (helm); never leaves the server. */
  credentials: ClusterCredentials;
  pinned: PinnedAddress;
};

let settings: { key: string; value: ClusterSettings } | undefined;
const SETTINGS = ["DAYBOOK_CLUSTER_ALLOW", "DAYBOOK_CLUSTER_RUN", "DAYBOOK_CLUSTER_ALLOW_INSECURE_TLS", "DAYBOOK_ENCRYPTION_KEY", "DAYBOOK_ENCRYPTION_PREVIOUS_KEYS", "DAYBOOK_DATA_DIR", "DATABASE_URL"];

/** Read once per set of values (start-up checks them first, so a bad setting stops the server). */
export function clusterSettings(): ClusterSettings {
  const key = SETTINGS.map((k) => process.env[k] ?? "").join("\0");
  if (settings?.key !== key) settings = { key, value: clusterSettingsFromEnv() };
  return settings.value;
}

export const sealContext = (teamId: string) => `team:${teamId}`;

type ClusterRow = { namespace: string; registry: string; mirrorPublic: boolean; productionUrl: string | null; monitoringUrl: string | null; productionHost: string | null; monitoringHost: string | null };

export function teamSettingsOf(row: ClusterRow): TeamSettings {
  return {
    namespace: row.namespace,
    images: imageRefs(readPackImages(), { registry: row.registry, mirrorPublic: row.mirrorPublic }),
    urls: { production: row.productionUrl ?? undefined, monitoring: row.monitoringUrl ?? undefined, productionHost: row.productionHost ?? undefined, monitoringHost: row.monitoringHost ?? undefined },
  };
}

/**
 * A client for the team's cluster, built fresh for each run: the credentials are opened on the server,
 * the API server's address is checked again and pinned, so neither a changed DNS answer nor a changed
 * setting reaches a run that was allowed before.
 */
export async function openTeamConnection(teamId: string): Promise<K8sResult<TeamConnection>> {
  const row = await (await getDb()).teamCluster.findUnique({ where: { teamId } });
  if (!row || !row.credentials) return failure("invalid", "This team has not connected a cluster yet. Connect one under Cluster first.");
  const s = clusterSettings();
  let credentials: ClusterCredentials;
  try {
    credentials = s.secretBox.open(row.credentials, sealContext(teamId)) as ClusterCredentials;
  } catch (error) {
    return failure("unauthorized", `Daybook cannot read this team's stored credentials (${error instanceof Error ? error.message : "unknown reason"}). Connect the cluster again.`);
  }
  const address = await checkApiServerAddress(new URL(credentials.server), s.addressPolicy);
  if (!address.ok) return failure(address.reason === "refused" ? "forbidden" : "unreachable", address.message);
  return ok({
    teamId,
    kc: buildKubeConfig({ credentials, pinned: address.pinned }),
    server: credentials.server,
    settings: teamSettingsOf(row),
    registry: row.registry,
    mirrorPublic: row.mirrorPublic,
    generatedSecrets: row.generatedSecrets,
    credentials,
    pinned: address.pinned,
  });
}
