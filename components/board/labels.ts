import type { getCohortBoard } from "@/lib/data/board";

export type CohortBoard = Awaited<ReturnType<typeof getCohortBoard>>;
export type Designation = "NONE" | "TECH_LEAD" | "PROJECT_MANAGER";

export const DESIGNATION_LABEL: Record<Designation, string> = {
  NONE: "Member",
  TECH_LEAD: "Tech lead",
  PROJECT_MANAGER: "Project manager",
};

export const isDesignation = (value: string): value is Designation => value in DESIGNATION_LABEL;

export const joinLink = (origin: string, code: string) => `${origin}/join/${encodeURIComponent(code)}`;

export const inviteLink = (origin: string, code: string) => `${origin}/invite/${encodeURIComponent(code)}`;
