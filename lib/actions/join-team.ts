"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth";
import { joinTeamWithCode } from "@/lib/data/cohorts";
import { ZJoinTeam } from "@/lib/validations/account";
import { failed, invalid, isNextControlFlow, type ActionState } from "./action-state";

// Creates a student account on the team the join code names, then signs the student in.
export async function joinTeam(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = ZJoinTeam.safeParse(Object.fromEntries(formData));
  const values = { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? "") };
  if (!parsed.success) return { ...invalid(parsed.error), values };
  try {
    await joinTeamWithCode(parsed.data);
  } catch (error) {
    return { ...failed(error), values };
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/plan" });
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    // The account exists now; if signing in is refused (say, the email was locked by earlier failed attempts), say so.
    redirect("/login?notice=joined");
  }
  redirect("/plan");
}
