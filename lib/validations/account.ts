import { z } from "zod";

export const ZEmail = z.string().trim().toLowerCase().email("Enter a valid email address.").max(254);

export const ZSignIn = z.object({
  email: ZEmail,
  password: z.string().min(1, "Enter your password.").max(200),
  callbackUrl: z.string().optional(),
});

export const ZJoinTeam = z.object({
  code: z.string().trim().min(4, "Enter the join code from your instructor.").max(32),
  name: z.string().trim().min(2, "Enter your name.").max(80),
  email: ZEmail,
  password: z.string().min(10, "Use at least 10 characters.").max(200),
});

export const ZCreateTeam = z.object({
  cohortId: z.string().min(1).max(64),
  name: z.string().trim().min(2, "Give the team a name.").max(60),
});

export const ZSetDesignation = z.object({
  userId: z.string().min(1).max(64),
  designation: z.enum(["NONE", "TECH_LEAD", "PROJECT_MANAGER"]),
});

export const ZCreateCohort = z.object({
  name: z.string().trim().min(2, "Give the cohort a name.").max(80),
});
