"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { authorizeCohort } from "@/lib/data/access";
import { cohortIdOfStudent } from "@/lib/data/relations";
import { AppError } from "@/lib/errors";
import { setMemberDesignation as updateDesignation } from "@/lib/data/cohorts";
import { ZSetDesignation } from "@/lib/validations/account";
import { failed, invalid, type ActionState } from "./action-state";

// Names a student technical lead or project manager of their team (used by the Day 20 sign-off).
export async function setMemberDesignation(input: { userId: string; designation: string }): Promise<ActionState> {
  const parsed = ZSetDesignation.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const actor = await requireActor();
    const cohortId = await cohortIdOfStudent(parsed.data.userId);
    if (!cohortId) throw new AppError("NOT_FOUND", "That student is not on a team.");
    await authorizeCohort(actor, "cohort.manage", cohortId);
    await updateDesignation(actor, parsed.data.userId, parsed.data.designation);
    revalidatePath("/instructor", "layout");
    return { ok: true };
  } catch (error) {
    return failed(error);
  }
}
