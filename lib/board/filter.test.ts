import { describe, expect, it } from "vitest";
import { filterQuery, NO_FILTER, parseFilter, shownDays, shownSteps, shownTeams } from "./filter";

const days = [
  { day: 1, phase: 1, steps: [1, 2] },
  { day: 2, phase: 1, steps: [1] },
  { day: 3, phase: 2, steps: [1, 2] },
];
const teams = [
  { name: "a", cells: ["VERIFIED", "BLOCKED", "NOT_STARTED", "NOT_STARTED", "NOT_STARTED"], stuck: { reason: "blocked" } },
  { name: "b", cells: ["VERIFIED", "VERIFIED", "IN_PROGRESS", "FAILED", "NOT_STARTED"], stuck: null },
] as const;
const mutable = teams.map((t) => ({ ...t, cells: [...t.cells] }));

describe("board filters", () => {
  it("shows one day, a phase's days, or all", () => {
    expect(shownDays(days, NO_FILTER)).toEqual([1, 2, 3]);
    expect(shownDays(days, { ...NO_FILTER, phase: 1 })).toEqual([1, 2]);
    expect(shownDays(days, { ...NO_FILTER, day: 3 })).toEqual([3]);
    expect(shownSteps(days, { ...NO_FILTER, day: 3 })).toEqual([3, 4]);
    expect(shownSteps(days, { ...NO_FILTER, phase: 1 })).toEqual([0, 1, 2]);
  });

  it("keeps the teams with a cell in the chosen state among the shown days, and the stuck ones", () => {
    expect(shownTeams(mutable, days, { ...NO_FILTER, state: "BLOCKED" }).map((t) => t.name)).toEqual(["a"]);
    expect(shownTeams(mutable, days, { ...NO_FILTER, state: "FAILED" }).map((t) => t.name)).toEqual(["b"]);
    expect(shownTeams(mutable, days, { ...NO_FILTER, state: "FAILED", day: 1 })).toEqual([]);
    expect(shownTeams(mutable, days, { ...NO_FILTER, stuckOnly: true }).map((t) => t.name)).toEqual(["a"]);
    expect(shownTeams(mutable, days, NO_FILTER)).toHaveLength(2);
  });

  it("reads and writes the address bar, ignoring what it does not know", () => {
    const read = (q: string) => parseFilter(new URLSearchParams(q), days);
    expect(read("day=3&phase=2&state=BLOCKED&stuck=1")).toEqual({ day: 3, phase: 2, state: "BLOCKED", stuckOnly: true });
    expect(read("day=9&phase=7&state=DROP%20TABLE&stuck=yes")).toEqual(NO_FILTER);
    // A day outside the chosen phase wins; the phase is dropped.
    expect(read("day=3&phase=1")).toEqual({ ...NO_FILTER, day: 3 });
    expect(filterQuery({ day: 3, phase: null, state: "FAILED", stuckOnly: true })).toBe("day=3&state=FAILED&stuck=1");
    expect(filterQuery(NO_FILTER)).toBe("");
  });
});
