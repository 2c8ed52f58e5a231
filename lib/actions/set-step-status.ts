"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { authorizeTeam } from "@/lib/data/access";
import { setStepStatus as recordStepStatus, type SetStatusResult } from "@/lib/data/progress";
import { ZSetStepStatus, type TSetStepStatus } from "@/lib/validations/progress";
import { failed, invalid, type ActionState } from "./action-state";

// Marks a step not started, in progress or done by hand for the actor's team.
export async function setStepStatus(input: TSetStepStatus): Promise<ActionState<SetStatusResult>> {
  const parsed = ZSetStepStatus.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const actor = await requireActor();
    await authorizeTeam(actor, "progress.write", parsed.data.teamId);
    const result = await recordStepStatus(actor, parsed.data);
    revalidatePath("/plan", "layout");
    return { ok: true, data: result };
  } catch (error) {
    return failed(error);
  }
}
