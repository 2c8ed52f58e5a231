import type { Course } from "@/lib/course/schema";

/** The course as the board draws it: phases, days and steps, without their content. */
export type BoardOutline = {
  phases: { number: number; title: string; days: number[] }[];
  days: { day: number; phase: number; title: string; steps: { id: string; number: string; title: string }[] }[];
};

export const boardOutline = (course: Course): BoardOutline => ({
  phases: course.phases.map((p) => ({ number: p.number, title: p.title, days: [...p.days] })),
  days: course.days.map((d) => ({ day: d.day, phase: d.phase, title: d.title, steps: d.steps.map((s) => ({ id: s.id, number: s.number, title: s.title })) })),
});
