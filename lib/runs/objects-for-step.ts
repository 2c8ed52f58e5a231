import "server-only";
import { randomBytes } from "node:crypto";
import type { Step } from "@/lib/course/schema";
import { getDb } from "@/lib/db/prisma";
import { readPackImages, teamImageMap } from "@/lib/pack/images";
import { fillGeneratedSecrets, generatedSecretKeys, loadManifests, retargetNamespace, setImages, type ManifestObject } from "@/lib/pack/manifests";
import { clusterSettings, sealContext, type TeamConnection } from "./connection";

/** Plain manifests Daybook server-side applies; the chart (templates/, environments/) goes through Helm. */
export const isPlainManifest = (rel: string) => /^(k8s-manifests|monitoring)\/[^/]+\.ya?ml$/.test(rel);

export const manifestFilesOf = (step: Step) => step.applies.filter(isPlainManifest);

type SecretValues = Record<string, string>;

/**
 * The step's manifests as the engine applies them for this team: moved to its namespace, its images,
 * and Secret placeholders filled with values generated once, sealed, and reused on every later apply.
 */
export async function objectsForStep(step: Step, conn: TeamConnection): Promise<ManifestObject[]> {
  const files = manifestFilesOf(step);
  const images = teamImageMap(readPackImages(), { registry: conn.registry, mirrorPublic: conn.mirrorPublic });
  const moved = setImages(retargetNamespace(files.flatMap((f) => loadManifests(f)), conn.settings.namespace), images);
  const wanted = generatedSecretKeys(moved);
  if (wanted.length === 0) return moved;
  const box = clusterSettings().secretBox;
  const stored: SecretValues = conn.generatedSecrets ? (box.open(conn.generatedSecrets, sealContext(conn.teamId)) as SecretValues) : {};
  const missing = wanted.filter(({ secret, key }) => stored[`${secret}/${key}`] === undefined);
  if (missing.length > 0) {
    for (const { secret, key } of missing) stored[`${secret}/${key}`] = randomBytes(24).toString("base64url");
    await (await getDb()).teamCluster.update({ where: { teamId: conn.teamId }, data: { generatedSecrets: box.seal(stored, sealContext(conn.teamId)) } });
  }
  return fillGeneratedSecrets(moved, (secret, key) => stored[`${secret}/${key}`]!);
}
