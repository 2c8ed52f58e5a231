import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";

const HOME = { STUDENT: "/plan", INSTRUCTOR: "/instructor", STAKEHOLDER: "/stakeholder" } as const;

export default async function Home() {
  const actor = await requireActor();
  redirect(HOME[actor.role]);
}
