import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/prisma";
import { readActor, type Actor } from "./actor";
import { readSessionClaims, sessionCookieName } from "./session-token";

export type { Actor };

/**
 * The signed-in user, re-read from the database on every request; a session that has been ended is nobody.
 * The cookie is decrypted here, not taken from anything the proxy passes on, which a client could forge.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const [jar, incoming] = await Promise.all([cookies(), headers()]);
  const claims = await readSessionClaims(jar, sessionCookieName(incoming.get("x-forwarded-proto")));
  // Sessions from before session versions existed carry none (-1): they count as ended.
  return claims ? readActor(await getDb(), { id: claims.uid }, claims.sv) : null;
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
