import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/prisma";
import { readActor, type Actor } from "./actor";
import { auth } from "./index";

export type { Actor };

/** The signed-in user, re-read from the database on every request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const id = (await auth())?.user?.id;
  return id ? readActor(await getDb(), { id }) : null;
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
