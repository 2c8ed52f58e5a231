import { describe, expect, it } from "vitest";
import { courseDates, courseToday, paceOf, stepsThroughDay, workingHoursBetween, type CourseCalendar } from "./course-calendar";
import { addDays, isValidDate, isoWeekday, localDate, startOfLocalDay } from "./dates";

// Monday 4 January 2027; Wednesday 6 January is a holiday.
const cal: CourseCalendar = { startDate: "2027-01-04", weekdays: [1, 2, 3, 4, 5], holidays: ["2027-01-06"], timeZone: "Europe/Berlin" };
const at = (iso: string) => new Date(iso);

describe("calendar dates", () => {
  it("knows weekdays, validity and local dates across a time zone's midnight", () => {
    expect(isoWeekday("2027-01-04")).toBe(1);
    expect(isoWeekday("2027-01-10")).toBe(7);
    expect(isValidDate("2027-02-29")).toBe(false);
    expect(isValidDate("2028-02-29")).toBe(true);
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
    // 23:30 UTC on the 4th is already the 5th in Berlin.
    expect(localDate(at("2027-01-04T23:30:00Z"), "Europe/Berlin")).toBe("2027-01-05");
    expect(localDate(at("2027-01-04T23:30:00Z"), "UTC")).toBe("2027-01-04");
  });

  it("finds local midnight, also on the day clocks change", () => {
    expect(startOfLocalDay("2027-01-05", "Europe/Berlin").toISOString()).toBe("2027-01-04T23:00:00.000Z");
    expect(startOfLocalDay("2027-03-28", "Europe/Berlin").toISOString()).toBe("2027-03-27T23:00:00.000Z");
    expect(startOfLocalDay("2027-03-29", "Europe/Berlin").toISOString()).toBe("2027-03-28T22:00:00.000Z");
  });
});

describe("the course calendar", () => {
  it("numbers 20 working days from the start, skipping weekends and holidays", () => {
    const dates = courseDates(cal);
    expect(dates).toHaveLength(20);
    expect(dates.slice(0, 4)).toEqual(["2027-01-04", "2027-01-05", "2027-01-07", "2027-01-08"]);
    expect(dates.at(-1)).toBe("2027-02-01");
    expect(courseDates({ ...cal, weekdays: [] })).toEqual([]);
  });

  it("a start on a Saturday makes the Monday after Day 1", () => {
    expect(courseDates({ ...cal, startDate: "2027-01-02" })[0]).toBe("2027-01-04");
  });

  it("says which day today is, in the cohort's time zone", () => {
    expect(courseToday(cal, at("2027-01-01T12:00:00Z"))).toMatchObject({ phase: "before", day: 0, finishedDays: 0, reachableDays: 0 });
    expect(courseToday(cal, at("2027-01-04T08:00:00Z"))).toMatchObject({ phase: "during", day: 1, working: true, finishedDays: 0, reachableDays: 1 });
    // The holiday: Day 2 is over, Day 3 is tomorrow.
    expect(courseToday(cal, at("2027-01-06T10:00:00Z"))).toMatchObject({ phase: "during", day: 2, working: false, finishedDays: 2, reachableDays: 2 });
    // Monday 11 January is Day 5 (after the holiday); at 23:30 UTC on Sunday it is already Monday in Berlin.
    expect(courseToday(cal, at("2027-01-10T23:30:00Z"))).toMatchObject({ today: "2027-01-11", day: 5, working: true, finishedDays: 4 });
    expect(courseToday(cal, at("2027-02-01T12:00:00Z"))).toMatchObject({ phase: "during", day: 20 });
    expect(courseToday(cal, at("2027-02-02T12:00:00Z"))).toMatchObject({ phase: "after", day: 20, finishedDays: 20 });
  });

  it("calls a team behind, on track or ahead by the steps of the days that are over or have begun", () => {
    const cumulative = stepsThroughDay(Array(20).fill(2));
    // Day 5: Days 1–4 (8 steps) are over, Day 5 (2 more) has begun.
    const day5 = courseToday(cal, at("2027-01-11T10:00:00Z"));
    expect(paceOf(7, cumulative, day5)).toBe("behind");
    expect(paceOf(8, cumulative, day5)).toBe("on_track");
    expect(paceOf(10, cumulative, day5)).toBe("on_track");
    expect(paceOf(11, cumulative, day5)).toBe("ahead");
    const before = courseToday(cal, at("2027-01-01T10:00:00Z"));
    expect(paceOf(0, cumulative, before)).toBe("on_track");
    expect(paceOf(1, cumulative, before)).toBe("ahead");
    expect(paceOf(40, cumulative, courseToday(cal, at("2027-03-01T10:00:00Z")))).toBe("on_track");
  });

  it("counts hours without days off", () => {
    // Friday 18:00 to Monday 09:00 in Berlin: 6 hours on Friday, 9 on Monday.
    expect(workingHoursBetween(at("2027-01-08T17:00:00Z"), at("2027-01-11T08:00:00Z"), cal)).toBe(15);
    expect(workingHoursBetween(at("2027-01-08T17:00:00Z"), at("2027-01-11T08:00:00Z"), null)).toBe(63);
    // Tuesday noon to Thursday noon over the Wednesday holiday.
    expect(workingHoursBetween(at("2027-01-05T11:00:00Z"), at("2027-01-07T11:00:00Z"), cal)).toBe(24);
    expect(workingHoursBetween(at("2027-01-07T11:00:00Z"), at("2027-01-05T11:00:00Z"), cal)).toBe(0);
  });
});
