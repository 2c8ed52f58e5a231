import { z } from "zod";
import { ZEmail, ZJoinCode, ZPersonName, ZTeamName } from "./account";
import { freeText, ZId } from "./text";
import { ZStepId, ZTeamId } from "./progress";

const bool = z.union([z.boolean(), z.literal("true"), z.literal("false")]).transform((v) => v === true || v === "true");

export const ZResetStep = z.object({
  teamId: ZTeamId,
  stepId: ZStepId,
  reason: freeText({ max: 500, min: 3, label: "The reason", tooShort: "Say why the step starts over: the team reads it." }).pipe(z.string().trim().min(3, "Say why the step starts over: the team reads it.")),
});

export const ZRenameTeam = z.object({ teamId: ZTeamId, name: ZTeamName });
export const ZSetTeamArchived = z.object({ teamId: ZTeamId, archived: bool });
export const ZTeamOnly = z.object({ teamId: ZTeamId });
export const ZMember = z.object({ userId: ZId });
export const ZMoveMember = z.object({ userId: ZId, teamId: ZTeamId });

export const ZInviteToCohort = z.object({
  cohortId: ZId,
  email: ZEmail,
  role: z.enum(["INSTRUCTOR", "STAKEHOLDER"], "Choose instructor or stakeholder."),
});

export const ZAcceptInvite = z.object({
  code: ZJoinCode,
  name: ZPersonName,
  password: z.string().min(10, "Use at least 10 characters.").max(200, "Passwords are limited to 200 characters."),
});
