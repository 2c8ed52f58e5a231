import { describe, expect, it } from "vitest";
import { courseToday, type CourseCalendar } from "@/lib/calendar/course-calendar";
import { CELL_META, CELL_STATES, cellState } from "./cell-state";
import { stuckHoursSetting, stuckState } from "./stuck";

describe("a board cell's state", () => {
  it("shows the status, a blocked flag above everything, and an open gate until the step moves on", () => {
    expect(cellState({ status: undefined, blocked: false, overridden: false })).toBe("NOT_STARTED");
    expect(cellState({ status: "IN_PROGRESS", blocked: false, overridden: false })).toBe("IN_PROGRESS");
    expect(cellState({ status: "IN_PROGRESS", blocked: false, overridden: true })).toBe("OVERRIDDEN");
    expect(cellState({ status: undefined, blocked: false, overridden: true })).toBe("OVERRIDDEN");
    expect(cellState({ status: "VERIFIED", blocked: false, overridden: true })).toBe("VERIFIED");
    expect(cellState({ status: "FAILED", blocked: false, overridden: true })).toBe("FAILED");
    expect(cellState({ status: "REGRESSED", blocked: false, overridden: false })).toBe("REGRESSED");
    expect(cellState({ status: "ATTESTED", blocked: false, overridden: false })).toBe("ATTESTED");
    expect(cellState({ status: "DONE_MANUAL", blocked: false, overridden: false })).toBe("DONE_MANUAL");
    expect(cellState({ status: "VERIFIED", blocked: true, overridden: false })).toBe("BLOCKED");
  });

  it("gives every state its own words and, except not started, its own glyph", () => {
    const labels = CELL_STATES.map((s) => CELL_META[s].label);
    expect(new Set(labels).size).toBe(CELL_STATES.length);
    const glyphs = CELL_STATES.filter((s) => s !== "NOT_STARTED").map((s) => CELL_META[s].glyph);
    expect(glyphs.every(Boolean)).toBe(true);
    expect(new Set(glyphs).size).toBe(glyphs.length);
  });
});

describe("a stuck team", () => {
  const cal: CourseCalendar = { startDate: "2027-01-04", weekdays: [1, 2, 3, 4, 5], holidays: [], timeZone: "UTC" };
  const base = { blockedSteps: 0, teamCreatedAt: new Date("2026-12-20T00:00:00Z"), finished: false, calendar: cal, thresholdHours: 24 };
  const on = (iso: string) => ({ now: new Date(iso), today: courseToday(cal, new Date(iso)) });

  it("is stuck when it flagged a step blocked, whatever the clock says", () => {
    expect(stuckState({ ...base, ...on("2027-01-04T09:00:00Z"), blockedSteps: 2, lastProgressAt: new Date("2027-01-04T08:00:00Z") })).toEqual({ reason: "blocked", steps: 2 });
    expect(stuckState({ ...base, ...on("2026-12-30T09:00:00Z"), blockedSteps: 1, lastProgressAt: null })).toEqual({ reason: "blocked", steps: 1 });
  });

  it("is stuck after the threshold without progress, not counting the weekend", () => {
    const friday = new Date("2027-01-08T16:00:00Z");
    expect(stuckState({ ...base, ...on("2027-01-11T09:00:00Z"), lastProgressAt: friday })).toBeNull();
    expect(stuckState({ ...base, ...on("2027-01-11T17:00:00Z"), lastProgressAt: friday })).toMatchObject({ reason: "idle", hours: 25 });
    expect(stuckState({ ...base, ...on("2027-01-11T17:00:00Z"), lastProgressAt: friday, thresholdHours: 48 })).toBeNull();
  });

  it("starts the clock on Day 1, and stops it before and after the course and once all is done", () => {
    expect(stuckState({ ...base, ...on("2027-01-04T20:00:00Z"), lastProgressAt: null })).toBeNull();
    expect(stuckState({ ...base, ...on("2027-01-05T01:00:00Z"), lastProgressAt: null })).toMatchObject({ reason: "idle", hours: 25, since: new Date("2027-01-04T00:00:00Z") });
    expect(stuckState({ ...base, ...on("2027-01-02T12:00:00Z"), lastProgressAt: null })).toBeNull();
    expect(stuckState({ ...base, ...on("2027-03-01T12:00:00Z"), lastProgressAt: null })).toBeNull();
    expect(stuckState({ ...base, ...on("2027-01-20T12:00:00Z"), lastProgressAt: null, finished: true })).toBeNull();
  });

  it("without a calendar, counts plain hours since the last progress or the team's creation", () => {
    const noCal = { ...base, calendar: null, today: null };
    expect(stuckState({ ...noCal, now: new Date("2026-12-21T01:00:00Z"), lastProgressAt: null })).toMatchObject({ reason: "idle", hours: 25 });
    expect(stuckState({ ...noCal, now: new Date("2026-12-21T01:00:00Z"), lastProgressAt: new Date("2026-12-20T12:00:00Z") })).toBeNull();
  });

  it("reads DAYBOOK_STUCK_HOURS, falling back to 24 for anything but a positive number", () => {
    expect(stuckHoursSetting(undefined)).toBe(24);
    expect(stuckHoursSetting("6")).toBe(6);
    expect(stuckHoursSetting("0.5")).toBe(0.5);
    for (const bad of ["", "0", "-3", "soon"]) expect(stuckHoursSetting(bad)).toBe(24);
  });
});
