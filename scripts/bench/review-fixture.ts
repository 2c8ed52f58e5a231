// A cohort whose teams are spread across the course like a real class on Day 8: for the board benchmark and screenshots.
import { allSteps, loadCourse } from "@/lib/course/load";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const NAMES = ["Andromeda", "Aquila", "Ara", "Aries", "Auriga", "Bootes", "Caelum", "Carina", "Cassiopeia", "Centaurus", "Cepheus", "Cetus", "Columba", "Corvus", "Crater", "Cygnus", "Delphinus", "Dorado", "Draco", "Eridanus", "Fornax", "Gemini", "Grus", "Hydra", "Lacerta", "Leo", "Lepus", "Libra", "Lupus", "Lyra"];
const HOUR = 3_600_000;

/** Adds `teams` teams × 3 students to a new cohort of the instructor, with progress, blocked steps, open gates and comments. */
export async function seedReviewCohort(db: PrismaClient, input: { teams: number; instructorId: string; name: string; now?: Date; passwordHash?: string }) {
  const now = input.now ?? new Date();
  const steps = allSteps(loadCourse());
  const cohort = await db.cohort.create({ data: { name: input.name, instructorId: input.instructorId } });
  // Day 1 was seven working days ago (weekends skipped), so today is Day 8.
  const start = new Date(now);
  for (let back = 7; back > 0; ) {
    start.setUTCDate(start.getUTCDate() - 1);
    if (start.getUTCDay() !== 0 && start.getUTCDay() !== 6) back--;
  }
  await db.cohortCalendar.create({ data: { cohortId: cohort.id, startDate: new Date(start.toISOString().slice(0, 10) + "T00:00:00Z"), weekdays: [1, 2, 3, 4, 5], holidays: [], timeZone: "UTC", updatedById: input.instructorId } });
  const progress: { teamId: string; stepId: string; status: "IN_PROGRESS" | "DONE_MANUAL" | "VERIFIED" | "FAILED" | "REGRESSED" | "ATTESTED"; updatedById: string; updatedAt: Date }[] = [];
  const events: { teamId: string; stepId: string; actorId: string; fromStatus: "NOT_STARTED"; toStatus: (typeof progress)[number]["status"]; at: Date }[] = [];
  const notes: { teamId: string; stepId: string; body: string; blocked: boolean; blockedReason: string; authorId: string; updatedById: string }[] = [];
  const overrides: { teamId: string; stepId: string; reason: string; byId: string }[] = [];
  const comments: { teamId: string; stepId: string; authorId: string; body: string; createdAt: Date }[] = [];
  const runs: { teamId: string; stepId: string; kind: "VERIFY"; status: "PASSED" | "FAILED"; startedById: string; startedAt: Date; finishedAt: Date; durationMs: number; summary: string; results: object }[] = [];
  for (let t = 0; t < input.teams; t++) {
    const name = `Team ${NAMES[t % NAMES.length]}${t >= NAMES.length ? ` ${Math.floor(t / NAMES.length) + 1}` : ""}`;
    const team = await db.team.create({ data: { cohortId: cohort.id, name, joinCode: `RV${t}X${now.getTime().toString(36).toUpperCase()}`, joinCodeExpiresAt: new Date(now.getTime() + 14 * 24 * HOUR) } });
    const students = [];
    for (let u = 0; u < 3; u++) {
      students.push(await db.user.create({ data: { email: `review-${cohort.id.slice(-6)}-${t}-${u}@daybook.local`, name: `Student ${t + 1}.${u + 1}`, role: "STUDENT", passwordHash: input.passwordHash, membership: { create: { teamId: team.id, designation: u === 0 ? "TECH_LEAD" : u === 1 ? "PROJECT_MANAGER" : "NONE" } } } }));
    }
    // Most teams are around Day 7–8 (13–16 steps); a few lag far behind or run ahead.
    const done = [14, 15, 13, 16, 12, 15, 9, 14, 18, 4, 15, 13, 16, 20, 11, 14, 15, 7, 14, 16, 13, 15, 22, 12, 14, 15, 10, 16, 14, 13][t % 30]!;
    const idle = t % 11 === 6;
    const author = students[t % 3]!.id;
    for (let i = 0; i <= Math.min(done, steps.length - 1); i++) {
      const step = steps[i]!;
      const status = i === done ? "IN_PROGRESS" : t % 7 === 3 && i === done - 2 ? "REGRESSED" : t % 5 === 2 && i === done - 1 ? "FAILED" : step.checks.every((c) => c.kind === "manual") ? "ATTESTED" : i % 4 === 3 ? "DONE_MANUAL" : "VERIFIED";
      const at = new Date(now.getTime() - (idle ? 50 : 1) * HOUR - (done - i) * 3 * HOUR);
      progress.push({ teamId: team.id, stepId: step.id, status, updatedById: author, updatedAt: at });
      events.push({ teamId: team.id, stepId: step.id, actorId: author, fromStatus: "NOT_STARTED", toStatus: status, at });
      if (status === "VERIFIED" || status === "FAILED" || status === "REGRESSED") {
        const total = step.checks.length;
        const passed = status === "VERIFIED" ? total : Math.max(0, total - 1 - (i % 2));
        runs.push({ teamId: team.id, stepId: step.id, kind: "VERIFY", status: status === "VERIFIED" ? "PASSED" : "FAILED", startedById: author, startedAt: at, finishedAt: new Date(at.getTime() + 4000), durationMs: 4000, summary: `${passed} of ${total} checks met`, results: { type: "verify", checks: [], verdict: { passed, total, summary: `${passed} of ${total} checks met` } } });
      }
    }
    const current = steps[Math.min(done, steps.length - 1)]!;
    if (t % 6 === 1) notes.push({ teamId: team.id, stepId: current.id, body: "", blocked: true, blockedReason: "The registry mirror refuses our pull secret", authorId: author, updatedById: author });
    if (t % 8 === 4) overrides.push({ teamId: team.id, stepId: steps[done + 1]?.id ?? current.id, reason: "Cluster provisioned by hand for this team", byId: input.instructorId });
    if (t % 4 === 0) comments.push({ teamId: team.id, stepId: current.id, authorId: author, body: "Our HPA shows <unknown> targets — is metrics-server expected here?", createdAt: new Date(now.getTime() - 2 * HOUR) });
  }
  await db.stepProgress.createMany({ data: progress });
  await db.stepEvent.createMany({ data: events });
  await db.stepNote.createMany({ data: notes });
  await db.gateOverride.createMany({ data: overrides });
  await db.stepComment.createMany({ data: comments });
  await db.run.createMany({ data: runs });
  return cohort;
}
