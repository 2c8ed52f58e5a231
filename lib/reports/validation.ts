import { z } from "zod";
import { ZTeamId } from "@/lib/validations/progress";
import { freeText, INT32_MAX } from "@/lib/validations/text";

export const LESSONS_MAX_CHARS = 20_000;

export const ZSaveLessons = z.object({
  teamId: ZTeamId,
  text: freeText({ max: LESSONS_MAX_CHARS, label: "Lessons learned" }),
  baseVersion: z.coerce.number().int().min(0).max(INT32_MAX),
});
