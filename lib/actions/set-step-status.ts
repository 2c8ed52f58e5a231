"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { authorizeTeam } from "@/lib/data/access";
import { setStepStatus as recordStepStatus, StatusConflictError, type SetStatusResult } from "@/lib/data/progress";
import type { StepStatus } from "@/lib/progress/compute";
import { ZSetStepStatus, type TSetStepStatus } from "@/lib/validations/progress";
import { failed, invalid, type ActionState } from "./action-state";

export type SetStatusState = ActionState<SetStatusResult> & { current?: StepStatus };

// Marks a step not started, in progress or done by hand for the actor's team; refuses if a teammate changed it first.
export async function setStepStatus(input: TSetStepStatus): Promise<SetStatusState> {
  const parsed = ZSetStepStatus.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const actor = await requireActor();
    await authorizeTeam(actor, "progress.write", parsed.data.teamId);
    const result = await recordStepStatus(actor, parsed.data);
    revalidatePath("/plan", "layout");
    return { ok: true, data: result };
  } catch (error) {
    if (error instanceof StatusConflictError) {
      revalidatePath("/plan", "layout");
      return { ok: false, message: error.message, current: error.current.status };
    }
    return failed(error);
  }
}
