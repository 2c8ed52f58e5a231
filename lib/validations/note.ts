import { z } from "zod";
import { BLOCKED_REASON_MAX_CHARS, NOTE_MAX_CHARS } from "@/lib/data/note-limits";
import { ZStepId, ZTeamId } from "./progress";

export const ZSaveStepNote = z.object({
  teamId: ZTeamId,
  stepId: ZStepId,
  body: z.string().max(NOTE_MAX_CHARS, `Notes are limited to ${NOTE_MAX_CHARS.toLocaleString("en")} characters.`),
  blocked: z.boolean(),
  blockedReason: z.string().max(BLOCKED_REASON_MAX_CHARS, `Keep the blocked reason under ${BLOCKED_REASON_MAX_CHARS} characters.`).nullable(),
  baseVersion: z.number().int().min(0),
});
export type TSaveStepNote = z.infer<typeof ZSaveStepNote>;
