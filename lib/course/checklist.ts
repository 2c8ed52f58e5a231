import type { Course } from "./schema";

export type ChecklistItem = { key: string; group: string; item: string; detail: string };

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** The guide's pre-execution checklist: what a team confirms before Day 1. Keys are stable across loads. */
export function preExecutionChecklist(course: Course): ChecklistItem[] {
  return [
    ...course.prerequisites.map((e) => ({ key: `prerequisite:${slug(e.item)}`, group: "Prerequisites", ...e })),
    ...course.requiredKnowledge.map((e) => ({ key: `knowledge:${slug(e.item)}`, group: "Required knowledge", ...e })),
  ];
}
