import type { Action } from "./permissions";

/** What each action lets someone do, worded to finish "You are not allowed to …". */
export const ACTION_WORDS: Record<Action, string> = {
  "plan.read": "read the plan",
  "plan.chooseTeam": "open another team's plan",
  "courseFile.read": "read the course files",
  "progress.read": "see this team's progress",
  "progress.write": "change this team's progress",
  "note.read": "read this team's notes",
  "note.write": "edit this team's notes",
  "board.read": "see this cohort's board",
  "teamBoard.open": "open the team board",
  "cohortProgress.open": "open cohort progress",
  "cohort.create": "create a cohort",
  "cohort.manage": "manage this cohort",
  "joinCode.read": "see this team's join code",
  "joinCode.rotate": "draw a new join code for this team",
  "memberEmail.read": "see members' email addresses",
  "blockedReason.read": "read why this team is blocked",
  "cluster.read": "see this team's cluster connection",
  "cluster.connect": "connect this team's cluster",
  "run.read": "see this team's runs",
  "run.apply": "change this team's cluster",
  "run.verify": "verify this team's steps",
  "attestation.write": "confirm steps for this team",
  "gate.override": "open a step ahead of its gate",
};
