import { z } from "zod";
import { freeText, nameText, ZId } from "./text";

export const ZEmail = z.string().trim().toLowerCase().max(254).email("Enter a valid email address.");
export const ZPassword = z.string().min(1, "Enter your password.").max(200, "Passwords are limited to 200 characters.");

export const ZPersonName = nameText({ label: "Your name", min: 2, max: 80, tooShort: "Enter your name." });
export const ZTeamName = nameText({ label: "The team name", min: 2, max: 60, tooShort: "Give the team a name." });
export const ZCohortName = nameText({ label: "The cohort name", min: 2, max: 80, tooShort: "Give the cohort a name." });
export const ZJoinCode = nameText({ label: "The join code", min: 4, max: 32, tooShort: "Enter the join code from your instructor." });

export const ZSignIn = z.object({
  email: ZEmail,
  password: ZPassword,
  callbackUrl: freeText({ label: "The return address", max: 2000 }).optional(),
});

export const ZJoinTeam = z.object({
  code: ZJoinCode,
  name: ZPersonName,
  email: ZEmail,
  password: z.string().min(10, "Use at least 10 characters.").max(200, "Passwords are limited to 200 characters."),
});

export const ZCreateTeam = z.object({ cohortId: ZId, name: ZTeamName });

export const ZRotateJoinCode = z.object({ teamId: ZId });

export const ZSetDesignation = z.object({
  userId: ZId,
  designation: z.enum(["NONE", "TECH_LEAD", "PROJECT_MANAGER"]),
});

export const ZCreateCohort = z.object({ name: ZCohortName });
