import { z } from "zod";
import { freeText } from "./text";
import { ZStepId, ZTeamId } from "./progress";

export const COMMENT_MAX_CHARS = 4000;

export const ZPostComment = z.object({
  teamId: ZTeamId,
  stepId: ZStepId,
  body: freeText({ max: COMMENT_MAX_CHARS, label: "The comment" }).pipe(z.string().trim().min(1, "Write something first.")),
});
export type TPostComment = z.infer<typeof ZPostComment>;

export const ZMarkCommentsRead = z.object({
  teamId: ZTeamId,
  stepId: ZStepId,
  /** The newest comment the reader was shown: later ones stay unread. */
  upTo: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
});
export type TMarkCommentsRead = z.infer<typeof ZMarkCommentsRead>;
