"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { authorizeCohort } from "@/lib/data/access";
import { createTeam as insertTeam } from "@/lib/data/cohorts";
import { ZCreateTeam } from "@/lib/validations/account";
import { failed, invalid, type ActionState } from "./action-state";

// Creates a team in one of the instructor's cohorts, with a fresh join code.
export async function createTeam(_prev: ActionState<{ joinCode: string }>, formData: FormData): Promise<ActionState<{ joinCode: string }>> {
  const parsed = ZCreateTeam.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const actor = await requireActor();
    await authorizeCohort(actor, "cohort.manage", parsed.data.cohortId);
    const team = await insertTeam(actor, parsed.data.cohortId, parsed.data.name);
    revalidatePath("/instructor", "layout");
    return { ok: true, message: `${team.name} created. Join code: ${team.joinCode}`, data: { joinCode: team.joinCode } };
  } catch (error) {
    return failed(error);
  }
}
