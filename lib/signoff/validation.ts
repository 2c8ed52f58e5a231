import { z } from "zod";
import { ZTeamId } from "@/lib/validations/progress";
import { freeText, ZId } from "@/lib/validations/text";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "The evidence hash is missing; reload the page.");

export const ZSignOff = z.object({
  teamId: ZTeamId,
  /** The evidence the signer was shown: if it changed since, the signature is refused rather than given to other evidence. */
  evidenceSha256: sha256,
  comment: freeText({ max: 2000, label: "The comment" }).default(""),
});
export type TSignOff = z.infer<typeof ZSignOff>;

export const ZReopenSignoff = z.object({
  teamId: ZTeamId,
  reason: freeText({ max: 1000, min: 5, label: "The reason", tooShort: "Say why the sign-off is reopened (at least 5 characters)." }),
});

// An exported record is at most a few hundred KB (three evidence texts of a 40-step course).
export const ZCheckRecord = z.object({ teamId: ZTeamId, record: freeText({ max: 2_000_000, min: 2, label: "The record", tooShort: "Paste an exported sign-off record (JSON) first." }) });

export const ZNoticeId = z.object({ id: ZId });
