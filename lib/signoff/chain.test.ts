import { describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/course/load";
import { eligibility, signerRole, signoffSteps, signoffWindowHours, type FinalValidation, type SignoffRole } from "./chain";

const now = new Date("2026-12-10T12:00:00Z");
const passed: FinalValidation = { state: "passed", at: new Date("2026-12-10T09:00:00Z"), runId: "r1" };
const order: SignoffRole[] = ["TECH_LEAD", "PROJECT_MANAGER", "STAKEHOLDER"];
type Input = Parameters<typeof eligibility>[0];
const base: Input = { signerId: "u-pm", role: "PROJECT_MANAGER", isInstructor: false, round: { order, signed: [{ role: "TECH_LEAD", signerId: "u-tl", signerName: "Tess Lead" }], staleReason: null }, finalValidation: passed, finalValidationNumber: "20.1", windowHours: 48, regressed: [], now };

describe("who may sign, and why not", () => {
  it("reads the chain from the course: 20.2 after 20.1, lead, manager, stakeholder", () => {
    const { signoff, finalValidation, order } = signoffSteps(loadCourse());
    expect([signoff.id, finalValidation.id, order]).toEqual(["d20-s2", "d20-s1", ["TECH_LEAD", "PROJECT_MANAGER", "STAKEHOLDER"]]);
  });

  it("maps people to roles by designation and cohort", () => {
    expect(signerRole({ role: "STUDENT", designation: "TECH_LEAD" }, ["teamMember"])).toBe("TECH_LEAD");
    expect(signerRole({ role: "STUDENT", designation: "PROJECT_MANAGER" }, ["teamMember"])).toBe("PROJECT_MANAGER");
    expect(signerRole({ role: "STUDENT", designation: "NONE" }, ["teamMember"])).toBeNull();
    expect(signerRole({ role: "STUDENT", designation: "TECH_LEAD" }, [])).toBeNull();
    expect(signerRole({ role: "STAKEHOLDER", designation: null }, ["cohortStakeholder"])).toBe("STAKEHOLDER");
    expect(signerRole({ role: "STAKEHOLDER", designation: null }, [])).toBeNull();
    expect(signerRole({ role: "INSTRUCTOR", designation: null }, ["cohortInstructor"])).toBeNull();
  });

  it("lets the next signer in order sign once Step 20.1 passed within the window", () => {
    expect(eligibility(base)).toEqual({ ok: true, role: "PROJECT_MANAGER" });
  });

  it.each<[string, Partial<Input>, string]>([
    ["locked", { round: { ...base.round, signed: order.map((role, i) => ({ role, signerId: `u${i}`, signerName: `N${i}` })) } }, "The sign-off is complete and locked. Only an instructor can reopen it, with a reason."],
    ["stale", { round: { ...base.round, staleReason: "Step 7.2 (Drain) regressed on Dec 9" } }, "The sign-offs so far are stale: Step 7.2 (Drain) regressed on Dec 9. An instructor reopens the sign-off so that it starts again on the current evidence."],
    ["an instructor", { role: null, isInstructor: true }, "Instructors do not sign off; the team's technical lead, its project manager and a stakeholder do."],
    ["no designation", { role: null }, "Only the team's technical lead, project manager and stakeholder sign off."],
    ["out of order", { role: "STAKEHOLDER" }, "The stakeholder signs after the project manager, who has not signed yet."],
    ["the same person twice", { signerId: "u-tl" }, "You already signed this round as technical lead; each person signs once."],
    ["never validated", { finalValidation: { state: "never" } }, "Step 20.1's final validation has not been run yet. Sign-off opens once it passes."],
    ["validating now", { finalValidation: { state: "running", at: now } }, "Step 20.1's final validation is running right now. Sign-off opens once it passes."],
    ["failed", { finalValidation: { state: "failed", at: new Date("2026-12-10T11:00:00Z"), summary: "1 failed" } }, "Step 20.1's final validation did not pass on its latest run (Dec 10, 2026, 11:00 AM UTC: 1 failed). Sign-off opens once it passes."],
    ["too old", { windowHours: 2 }, "Step 20.1's final validation last passed 3 hours ago (Dec 10, 2026, 9:00 AM UTC); a sign-off needs a pass within the last 2 hours. Verify Step 20.1 again."],
    ["a regression", { regressed: ["7.2"] }, "Step 7.2 regressed. Repair and verify it first."],
  ])("refuses when %s", (_name, change, reason) => {
    expect(eligibility({ ...base, ...change })).toEqual({ ok: false, reason });
  });

  it("names the missing final validation before whose turn it is, since it holds back every signer", () => {
    const stakeholderFirst: Partial<Input> = { signerId: "u-sh", role: "STAKEHOLDER", round: { ...base.round, signed: [] } };
    expect(eligibility({ ...base, ...stakeholderFirst, finalValidation: { state: "never" } })).toEqual({ ok: false, reason: "Step 20.1's final validation has not been run yet. Sign-off opens once it passes." });
    expect(eligibility({ ...base, ...stakeholderFirst })).toEqual({ ok: false, reason: "The stakeholder signs after the technical lead, who has not signed yet." });
  });

  it("reads the window from DAYBOOK_SIGNOFF_WINDOW_HOURS", () => {
    expect(signoffWindowHours({})).toBe(48);
    expect(signoffWindowHours({ DAYBOOK_SIGNOFF_WINDOW_HOURS: " 12.5 " })).toBe(12.5);
    for (const bad of ["0", "-3", "two", "Infinity"]) expect(() => signoffWindowHours({ DAYBOOK_SIGNOFF_WINDOW_HOURS: bad })).toThrow(/must be a positive number of hours/);
  });
});
