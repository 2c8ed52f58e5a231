"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { assertCan } from "@/lib/authz/permissions";
import { createCohort as insertCohort } from "@/lib/data/cohorts";
import { ZCreateCohort } from "@/lib/validations/account";
import { failed, invalid, type ActionState } from "./action-state";

// Creates a cohort owned by the signed-in instructor and opens its board.
export async function createCohort(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = ZCreateCohort.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  let cohortId: string;
  try {
    const actor = await requireActor();
    assertCan(actor.role, "cohort.create");
    cohortId = (await insertCohort(actor, parsed.data.name)).id;
  } catch (error) {
    return failed(error);
  }
  redirect(`/instructor?cohort=${cohortId}`);
}
