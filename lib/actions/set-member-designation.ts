"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { authorizeStudentCohort } from "@/lib/data/access";
import { setMemberDesignation as updateDesignation } from "@/lib/data/cohorts";
import { ZSetDesignation } from "@/lib/validations/account";
import { failed, invalid, type ActionState } from "./action-state";

// Names a student technical lead or project manager of their team (used by the Day 20 sign-off).
export async function setMemberDesignation(input: { userId: string; designation: string }): Promise<ActionState> {
  const parsed = ZSetDesignation.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const actor = await requireActor();
    await authorizeStudentCohort(actor, "cohort.manage", parsed.data.userId);
    await updateDesignation(actor, parsed.data.userId, parsed.data.designation);
    revalidatePath("/instructor", "layout");
    return { ok: true };
  } catch (error) {
    return failed(error);
  }
}
