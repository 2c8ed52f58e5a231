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

  // ── Route handlers ──────────────────────────────────────────────────────────────────────────
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
  "app/(app)/stakeholder/page.tsx": {
    allow: { STUDENT: NONE, INSTRUCTOR: OWN_COHORT, STAKEHOLDER: OWN_COHORT },
    anonymous: false,
    run: (t, { page }) => page("app/(app)/stakeholder/page.tsx", { searchParams: { cohort: t.cohortId }, shows: t.cohortId }),
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
  "app/(app)/plan/support/page.tsx": { allow: everyone, anonymous: false, run: (_t, { page }) => page("app/(app)/plan/support/page.tsx", {}) },
  "app/(app)/plan/troubleshooting/page.tsx": { allow: everyone, anonymous: false, run: (_t, { page }) => page("app/(app)/plan/troubleshooting/page.tsx", {}) },
  "app/(auth)/login/page.tsx": { allow: everyone, anonymous: true, run: (_t, { page }) => page("app/(auth)/login/page.tsx", { searchParams: {} }) },
  "app/(auth)/join/[code]/page.tsx": {
    allow: everyone,
    anonymous: true,
    run: async (t, { page, joinCode }) => page("app/(auth)/join/[code]/page.tsx", { params: { code: await joinCode(t.teamId) }, shows: t.teamName }),
  },
};
