import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/prisma";
import type { Role } from "@/lib/authz/permissions";
import { auth } from "./index";

export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string | null;
  designation: "NONE" | "TECH_LEAD" | "PROJECT_MANAGER" | null;
};

/** The signed-in user as the database knows them now (role and team are never taken from the cookie). */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await (await getDb()).user.findUnique({ where: { id }, include: { membership: true } });
  if (!user) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    teamId: user.membership?.teamId ?? null,
    designation: user.membership?.designation ?? null,
  };
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
