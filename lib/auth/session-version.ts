import { getDb } from "@/lib/db/prisma";

/**
 * Ends every session of a user: their cookies carry the old version, which the actor lookup refuses.
 * Role, password and team changes do this by themselves (database triggers); sign-out calls it.
 */
export async function endSessions(userId: string): Promise<void> {
  await (await getDb()).user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
