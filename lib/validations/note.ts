import { z } from "zod";
import { BLOCKED_REASON_MAX_CHARS, NOTE_MAX_CHARS } from "@/lib/data/note-limits";
import { ZStepId, ZTeamId } from "./progress";
import { freeText, int32 } from "./text";

export const ZSaveStepNote = z.object({
  teamId: ZTeamId,
  stepId: ZStepId,
  body: freeText({ label: "The note", max: NOTE_MAX_CHARS, tooLong: `Notes are limited to ${NOTE_MAX_CHARS.toLocaleString("en")} characters.` }),
  blocked: z.boolean(),
  blockedReason: freeText({ label: "The blocked reason", max: BLOCKED_REASON_MAX_CHARS, tooLong: `Keep the blocked reason under ${BLOCKED_REASON_MAX_CHARS} characters.` }).nullable(),
  baseVersion: int32(),
});
export type TSaveStepNote = z.input<typeof ZSaveStepNote>;
