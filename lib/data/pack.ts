import "server-only";
import type { Actor } from "@/lib/auth/session";
import { readActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { buildPackArchive, PACK_ARCHIVE_NAME } from "@/lib/pack/archive";
import { readPackFile } from "@/lib/pack/files";
import { readPackImages, teamImageMap } from "@/lib/pack/images";
import { PACK_AS_WRITTEN, servePackFile, type TeamPackSettings } from "@/lib/pack/serve";
import { authorizeTeam } from "./access";
import { signPackToken, verifyPackToken } from "./pack-token";

export type PackDownload = { filename: string; contentType: string; body: Uint8Array | string };

/** The settings a team's pack is served with: its cluster settings' namespace and registry, as the engine applies it. */
async function packSettingsFor(actor: Actor, teamId: string | null): Promise<TeamPackSettings> {
  if (!teamId) return PACK_AS_WRITTEN;
  await authorizeTeam(actor, "progress.read", teamId);
  const row = await (await getDb()).teamCluster.findUnique({ where: { teamId }, select: { namespace: true, registry: true, mirrorPublic: true } });
  if (!row) return PACK_AS_WRITTEN;
  const images = teamImageMap(readPackImages(), { registry: row.registry, mirrorPublic: row.mirrorPublic });
  return { namespace: row.namespace, images: Object.fromEntries(Object.entries(images).filter(([from, to]) => from !== to)) };
}

/** The actor's own team's pack, or the pack as written for someone on no team. */
const teamOf = (actor: Actor) => (actor.role === "STUDENT" ? actor.teamId : null);

export async function getPackArchive(actor: Actor, teamId: string | null = teamOf(actor)): Promise<PackDownload> {
  assertCan(actor.role, "plan.read");
  const settings = await packSettingsFor(actor, teamId);
  return { filename: PACK_ARCHIVE_NAME, contentType: "application/zip", body: buildPackArchive(settings) };
}

/** One pack file as the team gets it; the file page and its download show the same text. */
export async function getPackFile(actor: Actor, relPath: string, teamId: string | null = teamOf(actor)): Promise<PackDownload> {
  assertCan(actor.role, "plan.read");
  const content = readPackFile(relPath);
  if (content === null) throw new AppError("NOT_FOUND", `There is no file ${relPath} in the course pack.`);
  const settings = await packSettingsFor(actor, teamId);
  return { filename: relPath.split("/").pop()!, contentType: "text/plain; charset=utf-8", body: servePackFile(relPath, content, settings) };
}

/** A short-lived token for `curl`, scoped to the actor and the team whose pack it fetches. */
export async function createPackToken(actor: Actor): Promise<{ token: string; expiresAt: Date }> {
  assertCan(actor.role, "plan.read");
  const teamId = teamOf(actor);
  await packSettingsFor(actor, teamId);
  return signPackToken(actor.id, teamId);
}

/** The archive a token fetches: refused when the token is forged or expired, or its user has left the team. */
export async function getPackArchiveWithToken(token: string): Promise<PackDownload> {
  const claims = verifyPackToken(token);
  if (!claims) throw new AppError("UNAUTHORIZED", "This download link has expired or is not valid. Copy a new command from the Course files page.");
  const actor = await readActor(await getDb(), { id: claims.userId });
  if (!actor) throw new AppError("UNAUTHORIZED", "This download link belongs to an account that no longer exists.");
  return getPackArchive(actor, claims.teamId);
}
