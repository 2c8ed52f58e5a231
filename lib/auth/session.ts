import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/prisma";
import { readActor, type Actor } from "./actor";
import { auth } from "./index";

export type { Actor };

/** The signed-in user, re-read from the database on every request; a session that has been ended is nobody. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  // Sessions from before session versions existed carry none: they count as ended.
  return id ? readActor(await getDb(), { id }, session.sessionVersion ?? -1) : null;
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
