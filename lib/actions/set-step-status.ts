"use server";

import { setStepStatus as recordStepStatus, StatusConflictError, type SetStatusResult } from "@/lib/data/progress";
import type { StepStatus } from "@/lib/progress/compute";
import { ZSetStepStatus } from "@/lib/validations/progress";
import type { ActionState } from "./action-state";
import { defineAction } from "./define-action";

export type SetStatusState = ActionState<SetStatusResult> & { current?: StepStatus };

// Marks a step not started, in progress or done by hand for the actor's team; refuses if a teammate changed it first.
// Revalidating re-renders the page inside the same response (status, history, the browser's cache of other pages);
// measured, that was no slower than confirming from the result and refreshing afterwards, which cost a second render.
export const setStepStatus = defineAction<typeof ZSetStepStatus, SetStatusResult, SetStatusState>({
  schema: ZSetStepStatus,
  run: (actor, input) => recordStepStatus(actor, input),
  revalidate: { path: "/plan", type: "layout" },
  recover: (error) => (error instanceof StatusConflictError ? { ok: false, code: "CONFLICT", message: error.message, current: error.current.status } : undefined),
});
