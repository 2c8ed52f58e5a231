import { redirect } from "next/navigation";
import { homeOf } from "@/components/layout/home";
import { requireActor } from "@/lib/auth/session";

export default async function Home() {
  const actor = await requireActor();
  redirect(homeOf(actor.role).href);
}
