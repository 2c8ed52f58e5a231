import { z } from "zod";
import { STEP_STATUSES } from "@/lib/progress/compute";

export const ZStepId = z.string().regex(/^d\d{2}-s\d{1,2}$/, "Unknown step.");
export const ZTeamId = z.string().min(1, "Missing team.").regex(/^[A-Za-z0-9_-]{1,64}$/, "Unknown team.");

export const ZSetStepStatus = z.object({
  teamId: ZTeamId,
  stepId: ZStepId,
  status: z.enum(["NOT_STARTED", "IN_PROGRESS", "DONE_MANUAL"]),
  expected: z.enum(STEP_STATUSES).optional(),
});
export type TSetStepStatus = z.infer<typeof ZSetStepStatus>;
