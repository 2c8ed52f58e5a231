import type { CourseFile, Day } from "./schema";

type Issue = { file: string; path: string; message: string };
type Input = {
  daysDir: string;
  course: CourseFile & { file: string };
  days: { file: string; day: Day }[];
};

export const DAY_COUNT = 20;

const pad = (n: number) => String(n).padStart(2, "0");

// Rules that span files: the 20-day calendar, phase coverage, stable step and check ids.
export function crossFileErrors({ daysDir, course, days }: Input): Issue[] {
  const issues: Issue[] = [];
  if (days.length !== DAY_COUNT) {
    issues.push({ file: daysDir, path: "", message: `expected ${DAY_COUNT} day files, found ${days.length}` });
  }
  const seenDays = new Map<number, string>();
  const seenSteps = new Map<string, string>();
  for (const { file, day } of days) {
    const expectedFile = `day-${pad(day.day)}.yaml`;
    if (!file.endsWith(expectedFile)) issues.push({ file, path: "day", message: `day ${day.day} must live in ${expectedFile}` });
    const dup = seenDays.get(day.day);
    if (dup) issues.push({ file, path: "day", message: `day ${day.day} already defined in ${dup}` });
    seenDays.set(day.day, file);

    const owner = course.phases.find((p) => p.days.includes(day.day));
    if (!owner) issues.push({ file, path: "phase", message: `day ${day.day} is not listed in any phase of course.yaml` });
    else if (owner.number !== day.phase) {
      issues.push({ file, path: "phase", message: `day ${day.day} says phase ${day.phase} but course.yaml lists it under phase ${owner.number}` });
    }

    day.steps.forEach((step, i) => {
      const at = `steps[${i}]`;
      const id = `d${pad(day.day)}-s${i + 1}`;
      if (step.id !== id) issues.push({ file, path: `${at}.id`, message: `expected "${id}", found "${step.id}"` });
      if (step.number !== `${day.day}.${i + 1}`) {
        issues.push({ file, path: `${at}.number`, message: `expected "${day.day}.${i + 1}", found "${step.number}"` });
      }
      const other = seenSteps.get(step.id);
      if (other) issues.push({ file, path: `${at}.id`, message: `duplicate step id "${step.id}" (also in ${other})` });
      seenSteps.set(step.id, file);
      const checkIds = new Set<string>();
      step.checks.forEach((check, j) => {
        if (checkIds.has(check.id)) issues.push({ file, path: `${at}.checks[${j}].id`, message: `duplicate check id "${check.id}" in step ${step.id}` });
        checkIds.add(check.id);
      });
    });
  }
  for (let n = 1; n <= DAY_COUNT; n++) {
    if (!seenDays.has(n)) issues.push({ file: daysDir, path: "", message: `day ${n} is missing` });
  }
  const listed = course.phases.flatMap((p) => p.days);
  course.phases.forEach((p, i) => {
    if (p.number !== i + 1) issues.push({ file: course.file, path: `phases[${i}].number`, message: `expected ${i + 1}` });
  });
  for (let n = 1; n <= DAY_COUNT; n++) {
    const count = listed.filter((d) => d === n).length;
    if (count !== 1) issues.push({ file: course.file, path: "phases", message: `day ${n} is listed in ${count} phases, expected exactly 1` });
  }
  return issues;
}
