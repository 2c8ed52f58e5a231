import { z } from "zod";
import { freeText, ZId } from "./text";
import { ZStepId, ZTeamId } from "./progress";

const bool = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("")]).transform((v) => v === true || v === "on" || v === "true");

export const ZStartRun = z.object({
  teamId: ZTeamId,
  stepId: ZStepId,
  kind: z.enum(["PREVIEW", "APPLY", "OPERATION", "VERIFY", "LOAD"]),
  operationId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
  force: bool.optional(),
});
export type TStartRun = z.infer<typeof ZStartRun>;

export const ZAttestStep = z.object({
  teamId: ZTeamId,
  stepId: ZStepId,
  checkId: z.string().regex(/^[a-z0-9-]{1,64}$/, "Unknown check."),
  fields: z.record(z.string().regex(/^[a-zA-Z0-9]{1,40}$/), freeText({ max: 2000, label: "This field" })).default({}),
});
export type TAttestStep = z.infer<typeof ZAttestStep>;

export const ZOverrideGate = z.object({
  teamId: ZTeamId,
  stepId: ZStepId,
  reason: freeText({ max: 500, min: 3, label: "The reason", tooShort: "Say why this team may skip the gate." }),
});

export const ZRunId = z.object({ runId: ZId });
export const ZTeamRuns = z.object({ teamId: ZTeamId });
