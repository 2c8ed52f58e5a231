import { z } from "zod";
import { checkSchema } from "@/lib/checks/registry";
import { operationSchema, selfTestSchema } from "./operations";

export { checkSchema, checkKinds } from "@/lib/checks/registry";
export type { Check, CheckKind, CheckOf } from "@/lib/checks/registry";
export type { Operation, SelfTest } from "./operations";

const text = z.string().min(1);

export const referenceSchema = z
  .object({ path: text, section: text.optional() })
  .strict();

export const substepSchema = z
  .object({
    title: text,
    language: z.enum(["bash", "sql", "none"]),
    commands: z.array(text),
    actions: z.array(text),
    purpose: text,
    expected: text,
    verification: text,
  })
  .strict()
  .refine((s) => s.commands.length + s.actions.length > 0, {
    message: "needs at least one command or action",
    path: ["commands"],
  })
  .refine((s) => (s.language === "none") === (s.commands.length === 0), {
    message: "language must be none exactly when there are no commands",
    path: ["language"],
  });

export const signoffRoleSchema = z.enum(["technicalLead", "projectManager", "stakeholder"]);

export const stepSchema = z
  .object({
    id: z.string().regex(/^d\d{2}-s\d+$/, "must look like d01-s1"),
    number: z.string().regex(/^\d+\.\d+$/, "must look like 1.1"),
    title: text,
    objective: text,
    substeps: z.array(substepSchema).min(1),
    references: z.array(referenceSchema),
    applies: z.array(text),
    operations: z.array(operationSchema).optional(),
    checks: z.array(checkSchema).min(1),
    selfTest: selfTestSchema.optional(),
    signoff: z.array(signoffRoleSchema).min(1).optional(),
  })
  .strict();

export const daySchema = z
  .object({
    day: z.number().int().min(1).max(20),
    phase: z.number().int().min(1).max(4),
    title: text,
    checklist: text,
    steps: z.array(stepSchema).min(1),
  })
  .strict();

const labelledItem = z.object({ item: text, detail: text }).strict();

export const phaseSchema = z
  .object({
    number: z.number().int().min(1).max(4),
    title: text,
    week: z.number().int().min(1).max(4),
    framework: z
      .object({
        weeks: z.string().regex(/^\d+-\d+$/),
        duration: text,
        objective: text,
        keyActivities: z.array(text).min(1),
        deliverables: z.array(text).min(1),
      })
      .strict(),
    days: z.array(z.number().int().min(1).max(20)).min(1),
  })
  .strict();

export const courseFileSchema = z
  .object({
    title: text,
    version: text,
    summary: text,
    calendarNote: text,
    executionTime: text.optional(),
    phases: z.array(phaseSchema).length(4),
    prerequisites: z.array(labelledItem).min(1),
    requiredKnowledge: z.array(labelledItem).min(1),
    howToUse: z.array(labelledItem).min(1),
  })
  .strict();

export const troubleshootingIssueSchema = z
  .object({ id: z.string().regex(/^[a-z0-9-]+$/), title: text, commands: z.array(text).min(1), cause: text, solution: text })
  .strict();

export const troubleshootingSchema = z
  .object({ reference: referenceSchema, issues: z.array(troubleshootingIssueSchema).min(1) })
  .strict();

export const contactSchema = z
  .object({ team: text, email: z.email(), phone: text, hours: text })
  .strict();

export const contactsSchema = z.array(contactSchema).min(1);

export type Reference = z.infer<typeof referenceSchema>;
export type Substep = z.infer<typeof substepSchema>;
export type SignoffRole = z.infer<typeof signoffRoleSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Day = z.infer<typeof daySchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type CourseFile = z.infer<typeof courseFileSchema>;
export type TroubleshootingIssue = z.infer<typeof troubleshootingIssueSchema>;
export type Troubleshooting = z.infer<typeof troubleshootingSchema>;
export type Contact = z.infer<typeof contactSchema>;

export type Course = CourseFile & {
  days: Day[];
  troubleshooting: Troubleshooting;
  contacts: Contact[];
};
