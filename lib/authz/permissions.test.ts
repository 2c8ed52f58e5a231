import { describe, expect, it } from "vitest";
import { ACTIONS, ROLES, assertCan, can, ForbiddenError, PERMISSIONS, type Action, type Relation, type Role } from "./permissions";

const cases: Array<[Role, Action, Relation[], boolean]> = [
  ["STUDENT", "progress.write", ["teamMember"], true],
  ["STUDENT", "progress.write", [], false],
  ["STUDENT", "progress.read", ["cohortStakeholder"], false],
  ["STUDENT", "note.write", ["teamMember"], true],
  ["STUDENT", "board.read", ["teamMember"], false],
  ["STUDENT", "cohort.create", [], false],
  ["INSTRUCTOR", "progress.read", ["cohortInstructor"], true],
  ["INSTRUCTOR", "progress.read", [], false],
  ["INSTRUCTOR", "progress.write", ["cohortInstructor"], false],
  ["INSTRUCTOR", "note.read", ["cohortInstructor"], true],
  ["INSTRUCTOR", "note.write", ["cohortInstructor"], false],
  ["INSTRUCTOR", "board.read", ["cohortInstructor"], true],
  ["INSTRUCTOR", "cohort.manage", ["cohortStakeholder"], false],
  ["INSTRUCTOR", "cohort.create", [], true],
  ["STAKEHOLDER", "progress.read", ["cohortStakeholder"], true],
  ["STAKEHOLDER", "progress.write", ["cohortStakeholder"], false],
  ["STAKEHOLDER", "note.read", ["cohortStakeholder"], false],
  ["STAKEHOLDER", "board.read", ["cohortStakeholder"], true],
  ["STAKEHOLDER", "cohort.manage", ["cohortStakeholder"], false],
  ["STUDENT", "cluster.connect", ["teamMember"], true],
  ["STUDENT", "cluster.connect", [], false],
  ["INSTRUCTOR", "cluster.connect", ["cohortInstructor"], false],
  ["INSTRUCTOR", "cluster.read", ["cohortInstructor"], true],
  ["STAKEHOLDER", "cluster.read", ["cohortStakeholder"], false],
  ["STUDENT", "run.apply", ["teamMember"], true],
  ["INSTRUCTOR", "run.apply", ["cohortInstructor"], false],
  ["INSTRUCTOR", "run.verify", ["cohortInstructor"], true],
  ["STAKEHOLDER", "run.verify", ["cohortStakeholder"], false],
  ["STAKEHOLDER", "run.read", ["cohortStakeholder"], false],
  ["STUDENT", "run.read", [], false],
  ["STUDENT", "attestation.write", ["teamMember"], true],
  ["STUDENT", "gate.override", ["teamMember"], false],
  ["INSTRUCTOR", "gate.override", ["cohortInstructor"], true],
  ["INSTRUCTOR", "gate.override", [], false],
  ["STUDENT", "plan.chooseTeam", [], false],
  ["INSTRUCTOR", "plan.chooseTeam", [], true],
  ["STAKEHOLDER", "plan.chooseTeam", [], true],
  ["STAKEHOLDER", "courseFile.read", [], true],
  ["STUDENT", "teamBoard.open", [], false],
  ["STAKEHOLDER", "teamBoard.open", [], false],
  ["INSTRUCTOR", "teamBoard.open", [], true],
  ["STUDENT", "cohortProgress.open", [], false],
  ["STAKEHOLDER", "cohortProgress.open", [], true],
  ["STAKEHOLDER", "joinCode.read", ["cohortStakeholder"], false],
  ["INSTRUCTOR", "joinCode.read", ["cohortInstructor"], true],
  ["INSTRUCTOR", "joinCode.rotate", [], false],
  ["STAKEHOLDER", "memberEmail.read", ["cohortStakeholder"], false],
  ["STUDENT", "memberEmail.read", ["teamMember"], false],
  ["STAKEHOLDER", "blockedReason.read", ["cohortStakeholder"], false],
  ["STUDENT", "blockedReason.read", ["teamMember"], true],
  ["STUDENT", "signoff.read", ["teamMember"], true],
  ["STUDENT", "signoff.read", [], false],
  ["STAKEHOLDER", "signoff.read", ["cohortStakeholder"], true],
  ["INSTRUCTOR", "signoff.read", ["cohortInstructor"], true],
  ["STUDENT", "signoff.sign", ["teamMember"], true],
  ["STUDENT", "signoff.sign", ["cohortStakeholder"], false],
  ["STAKEHOLDER", "signoff.sign", ["cohortStakeholder"], true],
  ["STAKEHOLDER", "signoff.sign", [], false],
  ["INSTRUCTOR", "signoff.sign", ["cohortInstructor"], false],
  ["INSTRUCTOR", "signoff.reopen", ["cohortInstructor"], true],
  ["INSTRUCTOR", "signoff.reopen", [], false],
  ["STAKEHOLDER", "signoff.reopen", ["cohortStakeholder"], false],
  ["STUDENT", "signoff.reopen", ["teamMember"], false],
  ["STAKEHOLDER", "report.read", ["cohortStakeholder"], true],
  ["STUDENT", "report.read", [], false],
  ["STUDENT", "report.write", ["teamMember"], true],
  ["INSTRUCTOR", "report.write", ["cohortInstructor"], false],
  ["STAKEHOLDER", "report.write", ["cohortStakeholder"], false],
  ["INSTRUCTOR", "progress.export", ["cohortInstructor"], true],
  ["STAKEHOLDER", "progress.export", ["cohortStakeholder"], true],
  ["STUDENT", "progress.export", ["teamMember"], false],
  ["INSTRUCTOR", "progress.export", [], false],
  ["INSTRUCTOR", "audit.verify", [], true],
  ["STAKEHOLDER", "audit.verify", [], false],
  ["STUDENT", "audit.verify", [], false],
  ["INSTRUCTOR", "audit.read", ["cohortInstructor"], true],
  ["INSTRUCTOR", "audit.read", [], false],
  ["STAKEHOLDER", "audit.read", ["cohortStakeholder"], false],
  ["INSTRUCTOR", "step.reset", ["cohortInstructor"], true],
  ["INSTRUCTOR", "step.reset", ["cohortStakeholder"], false],
  ["STUDENT", "step.reset", ["teamMember"], false],
  ["STAKEHOLDER", "step.reset", ["cohortStakeholder"], false],
  ["INSTRUCTOR", "team.review", ["cohortInstructor"], true],
  ["INSTRUCTOR", "team.review", [], false],
  ["STAKEHOLDER", "team.review", ["cohortStakeholder"], false],
  ["STUDENT", "comment.read", ["teamMember"], true],
  ["STUDENT", "comment.read", [], false],
  ["STUDENT", "comment.post", ["teamMember"], true],
  ["INSTRUCTOR", "comment.post", ["cohortInstructor"], true],
  ["INSTRUCTOR", "comment.post", [], false],
  ["STAKEHOLDER", "comment.read", ["cohortStakeholder"], false],
  ["STAKEHOLDER", "comment.post", ["cohortStakeholder"], false],
  ["STAKEHOLDER", "calendar.read", ["cohortStakeholder"], true],
  ["STUDENT", "calendar.read", ["teamMember"], true],
  ["STUDENT", "calendar.read", [], false],
  ["STAKEHOLDER", "blockedStep.read", ["cohortStakeholder"], true],
  ["STAKEHOLDER", "blockedStep.read", [], false],
  ["STAKEHOLDER", "passRate.read", ["cohortStakeholder"], true],
  ["STAKEHOLDER", "performance.read", ["cohortStakeholder"], true],
  ["STUDENT", "passRate.read", [], false],
];

describe("permission table", () => {
  it.each(cases)("%s may %s with %j: %s", (role, action, relations, expected) => {
    expect(can(role, action, relations)).toBe(expected);
  });

  it("lets every role read the plan", () => {
    for (const role of ROLES) expect(can(role, "plan.read")).toBe(true);
  });

  it("gives write access only to students on their own team", () => {
    const writers = ACTIONS.filter((a) => a.endsWith(".write")).flatMap((a) =>
      ROLES.filter((r) => (PERMISSIONS[a] as Record<string, unknown>)[r]).map((r) => `${r}:${a}`),
    );
    expect(writers.sort()).toEqual(["STUDENT:attestation.write", "STUDENT:note.write", "STUDENT:progress.write", "STUDENT:report.write"]);
  });

  it("words every refusal as a sentence, never as the action's id", () => {
    for (const action of ACTIONS) expect(new ForbiddenError(action).message).toMatch(/^You are not allowed to [a-z][a-z' -]+[a-z]\.$/);
  });

  it("shows stakeholders aggregates and blocked steps, never comments, notes or blocked reasons", () => {
    const reads = ACTIONS.filter((a) => can("STAKEHOLDER", a, ["cohortStakeholder"]));
    expect(reads).toEqual(expect.arrayContaining(["blockedStep.read", "passRate.read", "performance.read", "calendar.read"]));
    for (const hidden of ["comment.read", "note.read", "blockedReason.read", "joinCode.read", "memberEmail.read", "run.read"] as const) expect(reads).not.toContain(hidden);
  });

  it("assertCan throws a ForbiddenError naming the action", () => {
    expect(() => assertCan("STAKEHOLDER", "progress.write", ["cohortStakeholder"])).toThrow(ForbiddenError);
    expect(() => assertCan("STAKEHOLDER", "progress.write")).toThrow("You are not allowed to change this team's progress.");
    expect(() => assertCan("STUDENT", "progress.write", ["teamMember"])).not.toThrow();
  });
});
