/**
 * THE AUTHORIZATION MATRIX: who may use each server action, route handler and page.
 *
 * Adding a server action (lib/actions/*.ts), a route handler (app/**\/route.ts) or a page
 * (app/**\/page.tsx)? Add its row below; matrix.test.ts fails until every such file has one. A row
 * says, for each role, on which targets the call must be allowed: the actor's own team ("own"),
 * another team of the same cohort ("sibling"), a team of another cohort ("foreign"); and whether it
 * works without a session. Everything not listed must be refused. `run` makes the call as the
 * current actor against the target and reports what happened (use the `action` and `page` helpers).
 *
 * Actors: STUDENT = Alice (Team Atlas), INSTRUCTOR = Ines (teaches the demo cohort: Atlas and
 * Borealis), STAKEHOLDER = Sam (follows the demo cohort). Targets: own = Team Atlas, sibling = Team
 * Borealis, foreign = Team Zephyr in another cohort with its own instructor and stakeholder.
 */
import type { Role } from "@/lib/authz/permissions";
import { preExecutionChecklist } from "@/lib/course/checklist";
import { loadCourse } from "@/lib/course/load";
import type { MatrixContext, Outcome, Target } from "./harness";

export type Scope = "own" | "sibling" | "foreign";

export type Row = {
  allow: Record<Role, readonly Scope[]>;
  anonymous: boolean;
  run: (target: Target, ctx: MatrixContext) => Promise<Outcome>;
};

const ALL: readonly Scope[] = ["own", "sibling", "foreign"];
const OWN_TEAM: readonly Scope[] = ["own"];
const OWN_COHORT: readonly Scope[] = ["own", "sibling"];
const NONE: readonly Scope[] = [];

const everyone = { STUDENT: ALL, INSTRUCTOR: ALL, STAKEHOLDER: ALL };

// A kubeconfig whose user runs an exec plugin: listed fine, refused on connect (after authorization).
const KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:6443'}\nusers:\n- name: u\n  user:\n    exec: {command: aws, apiVersion: client.authentication.k8s.io/v1beta1}\ncontexts:\n- name: matrix\n  context: {cluster: c, user: u}\ncurrent-context: matrix\n";
const teamMembers = { STUDENT: OWN_TEAM, INSTRUCTOR: NONE, STAKEHOLDER: NONE };
const cohortInstructor = { STUDENT: NONE, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE };
const readers = { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: OWN_COHORT };

export const MATRIX: Record<string, Row> = {
  // ── Server actions ──────────────────────────────────────────────────────────────────────────
  "lib/actions/set-step-status.ts": {
    allow: teamMembers,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/set-step-status")>("set-step-status", (m) => m.setStepStatus({ teamId: t.teamId, stepId: "d01-s1", status: "IN_PROGRESS" })),
  },
  "lib/actions/save-step-note.ts": {
    allow: teamMembers,
    anonymous: false,
    run: async (t, { action, noteVersion }) => {
      const baseVersion = await noteVersion(t.teamId, "d03-s1");
      return action<typeof import("@/lib/actions/save-step-note")>("save-step-note", (m) => m.saveStepNote({ teamId: t.teamId, stepId: "d03-s1", body: "matrix", blocked: false, blockedReason: null, baseVersion }));
    },
  },
  "lib/actions/create-team.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { action, form, unique }) => action<typeof import("@/lib/actions/create-team")>("create-team", (m) => m.createTeam({ ok: false }, form({ cohortId: t.cohortId, name: unique("Team") }))),
  },
  "lib/actions/create-cohort.ts": {
    allow: { STUDENT: NONE, INSTRUCTOR: ALL, STAKEHOLDER: NONE },
    anonymous: false,
    run: (_t, { action, form, unique }) => action<typeof import("@/lib/actions/create-cohort")>("create-cohort", (m) => m.createCohort({ ok: false }, form({ name: unique("Cohort") }))),
  },
  "lib/actions/set-member-designation.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/set-member-designation")>("set-member-designation", (m) => m.setMemberDesignation({ userId: t.studentId, designation: "NONE" })),
  },
  "lib/actions/rotate-join-code.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/rotate-join-code")>("rotate-join-code", (m) => m.rotateJoinCode({ teamId: t.teamId })),
  },
  "lib/actions/join-team.ts": {
    allow: everyone,
    anonymous: true,
    run: async (t, { action, form, unique, joinCode }) => {
      const code = await joinCode(t.teamId);
      return action<typeof import("@/lib/actions/join-team")>("join-team", (m) => m.joinTeam({ ok: false }, form({ code, name: "Matrix Student", email: `${unique("m").replace(" ", "-").toLowerCase()}@daybook.local`, password: "long enough pw" })));
    },
  },
  "lib/actions/sign-in-with-password.ts": {
    allow: everyone,
    anonymous: true,
    run: (_t, { action, form }) => action<typeof import("@/lib/actions/sign-in-with-password")>("sign-in-with-password", (m) => m.signInWithPassword({ ok: false }, form({ email: "alice@daybook.local", password: "daybook-demo" }))),
  },
  "lib/actions/sign-out-user.ts": {
    allow: everyone,
    anonymous: false,
    run: (_t, { signOutCalled }) => signOutCalled(),
  },

  // ── The sign-off chain, the closure report and the audit trail (issue 9) ──
  // The matrix's teams have not passed Step 20.1, so an allowed signer meets the chain's refusal (a CONFLICT).
  "lib/actions/sign-off-team.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: NONE, STAKEHOLDER: OWN_COHORT },
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/sign-off-team")>("sign-off-team", (m) => m.signOffTeam({ teamId: t.teamId, evidenceSha256: "0".repeat(64), comment: "" })),
  },
  // Nothing is signed in the matrix, so an allowed instructor meets "nothing to reopen" (a CONFLICT).
  "lib/actions/reopen-signoff.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/reopen-signoff")>("reopen-signoff", (m) => m.reopenSignoff({ teamId: t.teamId, reason: "matrix reopening" })),
  },
  "lib/actions/check-signoff-record.ts": {
    allow: readers,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/check-signoff-record")>("check-signoff-record", (m) => m.checkSignoffRecord({ teamId: t.teamId, record: "{}" })),
  },
  // A notice is its addressee's alone; the target team's student is never the matrix's actor (signoff.test covers the addressee).
  "lib/actions/dismiss-signoff-notice.ts": {
    allow: { STUDENT: NONE, INSTRUCTOR: NONE, STAKEHOLDER: NONE },
    anonymous: false,
    run: async (t, { action, noticeFor }) => {
      const id = await noticeFor(t.studentId, t.teamId);
      return action<typeof import("@/lib/actions/dismiss-signoff-notice")>("dismiss-signoff-notice", (m) => m.dismissSignoffNotice({ id }));
    },
  },
  "lib/actions/save-lessons-learned.ts": {
    allow: teamMembers,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/save-lessons-learned")>("save-lessons-learned", (m) => m.saveLessonsLearned({ teamId: t.teamId, text: "matrix lessons", baseVersion: 0 })),
  },

  // ── The cluster engine's actions (the matrix has no cluster: an allowed call fails later, for other reasons) ──
  "lib/actions/list-kubeconfig-contexts.ts": {
    allow: teamMembers,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/list-kubeconfig-contexts")>("list-kubeconfig-contexts", (m) => m.listKubeconfigContexts({ teamId: t.teamId, kubeconfig: KUBECONFIG })),
  },
  "lib/actions/connect-team-cluster.ts": {
    allow: teamMembers,
    anonymous: false,
    run: (t, { actionPastAuth }) => actionPastAuth<typeof import("@/lib/actions/connect-team-cluster")>("connect-team-cluster", (m) => m.connectTeamCluster({ source: "kubeconfig", teamId: t.teamId, kubeconfig: KUBECONFIG, context: "matrix" })),
  },
  "lib/actions/test-team-cluster.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/test-team-cluster")>("test-team-cluster", (m) => m.testTeamCluster({ teamId: t.teamId })),
  },
  "lib/actions/save-cluster-settings.ts": {
    allow: teamMembers,
    anonymous: false,
    run: (t, { actionPastAuth }) => actionPastAuth<typeof import("@/lib/actions/save-cluster-settings")>("save-cluster-settings", (m) => m.saveClusterSettings({ teamId: t.teamId, namespace: "ecommerce", registry: "", mirrorPublic: false, productionUrl: "", monitoringUrl: "" })),
  },
  "lib/actions/disconnect-team-cluster.ts": {
    allow: teamMembers,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/disconnect-team-cluster")>("disconnect-team-cluster", (m) => m.disconnectTeamCluster({ teamId: t.teamId })),
  },
  "lib/actions/preview-step-apply.ts": {
    allow: teamMembers,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/preview-step-apply")>("preview-step-apply", (m) => m.previewStepApply({ teamId: t.teamId, stepId: "d01-s2" })),
  },
  "lib/actions/apply-step-manifests.ts": {
    allow: teamMembers,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/apply-step-manifests")>("apply-step-manifests", (m) => m.applyStepManifests({ teamId: t.teamId, stepId: "d01-s2" })),
  },
  "lib/actions/run-step-operation.ts": {
    allow: teamMembers,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/run-step-operation")>("run-step-operation", (m) => m.runStepOperation({ teamId: t.teamId, stepId: "d06-s1", operationId: "update-image" })),
  },
  "lib/actions/verify-step.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/verify-step")>("verify-step", (m) => m.verifyStep({ teamId: t.teamId, stepId: "d01-s1" })),
  },
  "lib/actions/reverify-all-steps.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/reverify-all-steps")>("reverify-all-steps", (m) => m.reverifyAllSteps({ teamId: t.teamId })),
  },
  "lib/actions/run-performance-test.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/run-performance-test")>("run-performance-test", (m) => m.runPerformanceTest({ teamId: t.teamId, stepId: "d10-s2" })),
  },
  "lib/actions/cancel-run.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: async (t, { action, runOf }) => {
      const runId = await runOf(t.teamId);
      return action<typeof import("@/lib/actions/cancel-run")>("cancel-run", (m) => m.cancelRun({ runId }));
    },
  },
  "lib/actions/attest-step.ts": {
    allow: teamMembers,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/attest-step")>("attest-step", (m) => m.attestStep({ teamId: t.teamId, stepId: "d17-s1", checkId: "docs-reviewed", fields: {} })),
  },
  "lib/actions/override-step-gate.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/override-step-gate")>("override-step-gate", (m) => m.overrideStepGate({ teamId: t.teamId, stepId: "d03-s1", reason: "matrix" })),
  },

  "lib/actions/create-pack-token.ts": {
    allow: everyone,
    anonymous: false,
    run: (_t, { action }) => action<typeof import("@/lib/actions/create-pack-token")>("create-pack-token", (m) => m.createPackToken({})),
  },
  "lib/actions/set-checklist-item.ts": {
    allow: teamMembers,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/set-checklist-item")>("set-checklist-item", (m) => m.setChecklistItem({ teamId: t.teamId, itemKey: preExecutionChecklist(loadCourse())[0]!.key, checked: true })),
  },

  // ── The instructor's review (issue 9) ──
  "lib/actions/post-step-comment.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/post-step-comment")>("post-step-comment", (m) => m.postStepComment({ teamId: t.teamId, stepId: "d03-s1", body: "matrix" })),
  },
  "lib/actions/mark-comments-read.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/mark-comments-read")>("mark-comments-read", (m) => m.markCommentsRead({ teamId: t.teamId, stepId: "d03-s1", upTo: new Date().toISOString() })),
  },
  "lib/actions/reset-step.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/reset-step")>("reset-step", (m) => m.resetStep({ teamId: t.teamId, stepId: "d01-s1", reason: "matrix" })),
  },
  "lib/actions/rename-team.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: async (t, { action, freshTeam, unique }) => {
      const teamId = await freshTeam(t.cohortId);
      return action<typeof import("@/lib/actions/rename-team")>("rename-team", (m) => m.renameTeam({ teamId, name: unique("Renamed") }));
    },
  },
  "lib/actions/set-team-archived.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: async (t, { action, freshTeam }) => {
      const teamId = await freshTeam(t.cohortId);
      return action<typeof import("@/lib/actions/set-team-archived")>("set-team-archived", (m) => m.setTeamArchived({ teamId, archived: true }));
    },
  },
  "lib/actions/expire-join-code.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: async (t, { action, freshTeam }) => {
      const teamId = await freshTeam(t.cohortId);
      return action<typeof import("@/lib/actions/expire-join-code")>("expire-join-code", (m) => m.expireJoinCode({ teamId }));
    },
  },
  "lib/actions/remove-team-member.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: async (t, { action, freshStudent }) => {
      const userId = await freshStudent(t.teamId);
      return action<typeof import("@/lib/actions/remove-team-member")>("remove-team-member", (m) => m.removeTeamMember({ userId }));
    },
  },
  "lib/actions/move-team-member.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: async (t, { action, freshStudent, freshTeam }) => {
      const [userId, teamId] = await Promise.all([freshStudent(t.teamId), freshTeam(t.cohortId)]);
      return action<typeof import("@/lib/actions/move-team-member")>("move-team-member", (m) => m.moveTeamMember({ userId, teamId }));
    },
  },
  "lib/actions/invite-to-cohort.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { action, form, unique }) => action<typeof import("@/lib/actions/invite-to-cohort")>("invite-to-cohort", (m) => m.inviteToCohort({ ok: false }, form({ cohortId: t.cohortId, email: `${unique("invite").replace(" ", "-")}@example.test`, role: "STAKEHOLDER" }))),
  },
  // Public like a join: the invitation's code is what lets the call through.
  "lib/actions/accept-cohort-invite.ts": {
    allow: everyone,
    anonymous: true,
    run: async (t, { action, form, invitation }) => {
      const { code } = await invitation(t.cohortId);
      return action<typeof import("@/lib/actions/accept-cohort-invite")>("accept-cohort-invite", (m) => m.acceptCohortInvite({ ok: false }, form({ code, name: "Matrix Stakeholder", password: "long enough pw" })));
    },
  },
  "lib/actions/save-cohort-calendar.ts": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { action }) => action<typeof import("@/lib/actions/save-cohort-calendar")>("save-cohort-calendar", (m) => m.saveCohortCalendar({ cohortId: t.cohortId, startDate: "2027-01-04", weekdays: [1, 2, 3, 4, 5], holidays: "", timeZone: "UTC" })),
  },

  // ── Route handlers ──────────────────────────────────────────────────────────────────────────
  // The whole pack as the actor's own team gets it (the target team does not matter).
  "app/api/pack/[...file]/route.ts": {
    allow: everyone,
    anonymous: false,
    run: (_t, { route }) => route("app/api/pack/[...file]/route.ts", { file: ["daybook-course-pack.zip"] }),
  },
  "app/api/teams/[teamId]/steps/[stepId]/engine/route.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: (t, { route }) => route("app/api/teams/[teamId]/steps/[stepId]/engine/route.ts", { teamId: t.teamId, stepId: "d01-s1" }),
  },
  // The step page's background refresh: a team's state for one step (the note's flag only to note readers).
  "app/api/teams/[teamId]/steps/[stepId]/state/route.ts": {
    allow: readers,
    anonymous: false,
    run: (t, { route }) => route("app/api/teams/[teamId]/steps/[stepId]/state/route.ts", { teamId: t.teamId, stepId: "d01-s1" }),
  },
  "app/api/teams/[teamId]/steps/[stepId]/live/route.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: (t, { routePastAuth }) => routePastAuth("app/api/teams/[teamId]/steps/[stepId]/live/route.ts", { teamId: t.teamId, stepId: "d02-s1" }),
  },
  "app/api/teams/[teamId]/batches/[batchId]/route.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: async (t, { route }) => {
      const { getDb } = await import("@/lib/db/prisma");
      const batch = await (await getDb()).runBatch.create({ data: { teamId: t.teamId, finishedAt: new Date() } });
      return route("app/api/teams/[teamId]/batches/[batchId]/route.ts", { teamId: t.teamId, batchId: batch.id });
    },
  },
  "app/api/teams/[teamId]/steps/[stepId]/load/route.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: (t, { route }) => route("app/api/teams/[teamId]/steps/[stepId]/load/route.ts", { teamId: t.teamId, stepId: "d10-s2" }),
  },
  "app/api/teams/[teamId]/load-history/route.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: (t, { route }) => route("app/api/teams/[teamId]/load-history/route.ts", { teamId: t.teamId }),
  },
  "app/api/cohorts/[cohortId]/board/route.ts": {
    allow: { STUDENT: NONE, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: OWN_COHORT },
    anonymous: false,
    run: (t, { route }) => route("app/api/cohorts/[cohortId]/board/route.ts", { cohortId: t.cohortId }),
  },
  "app/api/runs/[runId]/route.ts": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: async (t, { route, runOf }) => route("app/api/runs/[runId]/route.ts", { runId: await runOf(t.teamId) }),
  },
  "app/api/reports/teams/[teamId]/closure/[format]/route.ts": {
    allow: readers,
    anonymous: false,
    run: (t, { route }) => route("app/api/reports/teams/[teamId]/closure/[format]/route.ts", { teamId: t.teamId, format: "md" }),
  },
  "app/api/reports/teams/[teamId]/signoff-record/route.ts": {
    allow: readers,
    anonymous: false,
    run: (t, { route }) => route("app/api/reports/teams/[teamId]/signoff-record/route.ts", { teamId: t.teamId }),
  },
  "app/api/reports/cohorts/[cohortId]/progress/[format]/route.ts": {
    allow: { STUDENT: NONE, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: OWN_COHORT },
    anonymous: false,
    run: (t, { route }) => route("app/api/reports/cohorts/[cohortId]/progress/[format]/route.ts", { cohortId: t.cohortId, format: "csv" }),
  },
  // Auth.js's own endpoints (sign-in, session, sign-out, CSRF): public by nature; its credentials
  // path goes through the same authorize() and limits as the sign-in form (lib/auth/providers.ts).
  "app/api/auth/[...nextauth]/route.ts": {
    allow: everyone,
    anonymous: true,
    run: (_t, { authRoute }) => authRoute(),
  },

  // ── Pages ───────────────────────────────────────────────────────────────────────────────────
  "app/(app)/page.tsx": { allow: everyone, anonymous: false, run: (_t, { page }) => page("app/(app)/page.tsx", {}) },
  "app/(app)/instructor/page.tsx": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { page }) => page("app/(app)/instructor/page.tsx", { searchParams: { cohort: t.cohortId }, shows: t.cohortId }),
  },
  "app/(app)/instructor/cohorts/[cohortId]/teams/page.tsx": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { page }) => page("app/(app)/instructor/cohorts/[cohortId]/teams/page.tsx", { params: { cohortId: t.cohortId }, shows: t.cohortId }),
  },
  "app/(app)/instructor/teams/[teamId]/page.tsx": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { page }) => page("app/(app)/instructor/teams/[teamId]/page.tsx", { params: { teamId: t.teamId }, shows: t.teamName }),
  },
  "app/(app)/instructor/cohorts/[cohortId]/people/page.tsx": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { page }) => page("app/(app)/instructor/cohorts/[cohortId]/people/page.tsx", { params: { cohortId: t.cohortId }, shows: t.cohortId }),
  },
  "app/(app)/instructor/cohorts/[cohortId]/calendar/page.tsx": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { page }) => page("app/(app)/instructor/cohorts/[cohortId]/calendar/page.tsx", { params: { cohortId: t.cohortId }, shows: t.cohortId }),
  },
  "app/(app)/stakeholder/teams/[teamId]/page.tsx": {
    allow: { STUDENT: NONE, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: OWN_COHORT },
    anonymous: false,
    run: (t, { page }) => page("app/(app)/stakeholder/teams/[teamId]/page.tsx", { params: { teamId: t.teamId }, shows: t.teamName }),
  },
  "app/(app)/stakeholder/page.tsx": {
    allow: { STUDENT: NONE, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: OWN_COHORT },
    anonymous: false,
    run: (t, { page }) => page("app/(app)/stakeholder/page.tsx", { searchParams: { cohort: t.cohortId }, shows: t.cohortId }),
  },
  // As on the plan pages, a student's ?team= is ignored: only "own" shows the target.
  "app/(app)/signoff/page.tsx": { allow: readers, anonymous: false, run: (t, { page }) => page("app/(app)/signoff/page.tsx", { searchParams: { team: t.teamId }, shows: t.teamId }) },
  "app/(app)/reports/page.tsx": { allow: readers, anonymous: false, run: (t, { page }) => page("app/(app)/reports/page.tsx", { searchParams: { team: t.teamId }, shows: t.teamId }) },
  "app/(app)/reports/audit/page.tsx": {
    allow: cohortInstructor,
    anonymous: false,
    run: (t, { page }) => page("app/(app)/reports/audit/page.tsx", { searchParams: { cohort: t.cohortId }, shows: t.cohortId }),
  },
  // A student's ?team= is ignored (they always see their own team), so only "own" shows the target.
  "app/(app)/plan/page.tsx": { allow: readers, anonymous: false, run: (t, { page }) => page("app/(app)/plan/page.tsx", { searchParams: { team: t.teamId }, shows: t.teamId }) },
  "app/(app)/plan/day/[day]/page.tsx": {
    allow: readers,
    anonymous: false,
    run: (t, { page }) => page("app/(app)/plan/day/[day]/page.tsx", { params: { day: "3" }, searchParams: { team: t.teamId }, shows: t.teamId }),
  },
  "app/(app)/plan/step/[stepId]/page.tsx": {
    allow: readers,
    anonymous: false,
    run: (t, { page }) => page("app/(app)/plan/step/[stepId]/page.tsx", { params: { stepId: "d03-s1" }, searchParams: { team: t.teamId }, shows: t.teamId }),
  },
  "app/(app)/plan/files/[...path]/page.tsx": {
    allow: everyone,
    anonymous: false,
    run: (_t, { page }) => page("app/(app)/plan/files/[...path]/page.tsx", { params: { path: ["docs", "06-troubleshooting-guide.md"] } }),
  },
  "app/(app)/plan/cluster/page.tsx": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: (t, { page }) => page("app/(app)/plan/cluster/page.tsx", { searchParams: { team: t.teamId }, shows: t.teamId }),
  },
  "app/(app)/plan/runs/[runId]/page.tsx": {
    allow: { STUDENT: OWN_TEAM, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: NONE },
    anonymous: false,
    run: async (t, { page, runOf }) => page("app/(app)/plan/runs/[runId]/page.tsx", { params: { runId: await runOf(t.teamId) } }),
  },
  "app/(app)/plan/files/page.tsx": { allow: everyone, anonymous: false, run: (_t, { page }) => page("app/(app)/plan/files/page.tsx", {}) },
  // Any unclaimed address is a 404 inside the app's layout, for everyone.
  "app/(app)/[...unknown]/page.tsx": { allow: { STUDENT: NONE, INSTRUCTOR: NONE, STAKEHOLDER: NONE }, anonymous: false, run: (_t, { page }) => page("app/(app)/[...unknown]/page.tsx", { params: { unknown: ["nonsense"] } }) },
  "app/(app)/plan/support/page.tsx": { allow: everyone, anonymous: false, run: (_t, { page }) => page("app/(app)/plan/support/page.tsx", {}) },
  "app/(app)/plan/troubleshooting/page.tsx": { allow: everyone, anonymous: false, run: (_t, { page }) => page("app/(app)/plan/troubleshooting/page.tsx", {}) },
  "app/(auth)/login/page.tsx": { allow: everyone, anonymous: true, run: (_t, { page }) => page("app/(auth)/login/page.tsx", { searchParams: {} }) },
  "app/(auth)/invite/[code]/page.tsx": {
    allow: everyone,
    anonymous: true,
    run: async (t, { page, invitation }) => {
      const { code, email } = await invitation(t.cohortId);
      return page("app/(auth)/invite/[code]/page.tsx", { params: { code }, shows: email });
    },
  },
  "app/(auth)/join/[code]/page.tsx": {
    allow: everyone,
    anonymous: true,
    run: async (t, { page, joinCode }) => page("app/(auth)/join/[code]/page.tsx", { params: { code: await joinCode(t.teamId) }, shows: t.teamName }),
  },
};
