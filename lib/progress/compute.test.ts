import { describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/course/load";
import { computeProgress, unfinishedBefore, type StepStatus } from "./compute";

const course = loadCourse();
const statuses = (entries: Record<string, StepStatus>) => new Map(Object.entries(entries));

describe("computeProgress", () => {
  it("starts at zero with Step 1.1 next", () => {
    const progress = computeProgress(course, new Map());
    expect(progress.overall).toEqual({ done: 0, total: 40, percent: 0 });
    expect(progress.nextStepId).toBe("d01-s1");
    expect(progress.byDay.get(1)).toEqual({ done: 0, total: 2, percent: 0 });
    expect(progress.byPhase.get(1)).toEqual({ done: 0, total: 10, percent: 0 });
  });

  it("counts manual and verified steps as done, not in-progress or regressed ones", () => {
    const progress = computeProgress(
      course,
      statuses({ "d01-s1": "DONE_MANUAL", "d01-s2": "VERIFIED", "d02-s1": "IN_PROGRESS", "d02-s2": "REGRESSED" }),
    );
    expect(progress.overall.done).toBe(2);
    expect(progress.overall.percent).toBe(5);
    expect(progress.byDay.get(1)).toEqual({ done: 2, total: 2, percent: 100 });
    expect(progress.byDay.get(2)?.done).toBe(0);
    expect(progress.byPhase.get(1)).toEqual({ done: 2, total: 10, percent: 20 });
    expect(progress.nextStepId).toBe("d02-s1");
  });

  it("points at the first gap even when later steps are done", () => {
    const progress = computeProgress(course, statuses({ "d01-s2": "DONE_MANUAL", "d03-s1": "DONE_MANUAL" }));
    expect(progress.nextStepId).toBe("d01-s1");
  });

  it("has no next step when everything is done", () => {
    const all = Object.fromEntries(course.days.flatMap((d) => d.steps.map((s) => [s.id, "VERIFIED" as const])));
    const progress = computeProgress(course, statuses(all));
    expect(progress.overall.percent).toBe(100);
    expect(progress.nextStepId).toBeNull();
  });
});

describe("unfinishedBefore", () => {
  it("lists the earlier steps that are not done", () => {
    expect(unfinishedBefore(course, "d01-s1", new Map())).toEqual([]);
    expect(unfinishedBefore(course, "d02-s1", statuses({ "d01-s1": "DONE_MANUAL" }))).toEqual(["d01-s2"]);
    expect(unfinishedBefore(course, "d02-s1", statuses({ "d01-s1": "VERIFIED", "d01-s2": "DONE_MANUAL" }))).toEqual([]);
  });
});
