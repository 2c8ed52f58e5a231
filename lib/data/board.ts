import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan, can } from "@/lib/authz/permissions";
import { loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { computeProgress, type CourseProgress, type StepStatus } from "@/lib/progress/compute";
import { relationsToCohort } from "./relations";
import { cohortScope } from "./scope";

export type BoardMember = { id: string; name: string; email: string; designation: string };

export type BoardTeam = {
  id: string;
  name: string;
  archivedAt: Date | null;
  joinCode: string | null;
  joinCodeExpiresAt: Date | null;
  members: BoardMember[];
  statuses: Map<string, StepStatus>;
  lastActivity: Date | null;
  blocked: { stepId: string; reason: string }[];
  progress: CourseProgress;
};

/**
 * Teams × steps for one cohort. What beyond progress it shows (join codes, emails, blocked reasons) the
 * permission table decides. Archived teams are left out unless asked for (team management lists them).
 */
export async function getCohortBoard(actor: Actor, cohortId: string, { includeArchived = false } = {}) {
  const relations = await relationsToCohort(actor, cohortId);
  assertCan(actor.role, "board.read", relations);
  const sees = {
    joinCodes: can(actor.role, "joinCode.read", relations),
    emails: can(actor.role, "memberEmail.read", relations),
    blocked: can(actor.role, "blockedReason.read", relations),
  };
  const db = await getDb();
  const cohort = await db.cohort.findFirst({
    where: { id: cohortId, ...cohortScope(actor, "board.read") },
    select: {
      id: true,
      name: true,
      teams: {
        where: includeArchived ? {} : { archivedAt: null },
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          archivedAt: true,
          joinCode: true,
          joinCodeExpiresAt: true,
          members: { select: { designation: true, user: { select: { id: true, name: true, email: true } } } },
          progress: { select: { stepId: true, status: true, updatedAt: true } },
          notes: { where: { blocked: true }, select: { stepId: true, blockedReason: true } },
        },
      },
    },
  });
  if (!cohort) throw new AppError("NOT_FOUND", "That cohort does not exist.");
  const course = loadCourse();
  const teams: BoardTeam[] = cohort.teams.map((team) => {
    const statuses = new Map(team.progress.map((p) => [p.stepId, p.status]));
    const times = team.progress.map((p) => p.updatedAt.getTime());
    return {
      id: team.id,
      name: team.name,
      archivedAt: team.archivedAt,
      joinCode: sees.joinCodes ? team.joinCode : null,
      joinCodeExpiresAt: sees.joinCodes ? team.joinCodeExpiresAt : null,
      members: team.members.map((m) => ({ ...m.user, email: sees.emails ? m.user.email : "", designation: m.designation })),
      statuses,
      lastActivity: times.length ? new Date(Math.max(...times)) : null,
      blocked: sees.blocked ? team.notes.map((n) => ({ stepId: n.stepId, reason: n.blockedReason ?? "" })) : [],
      progress: computeProgress(course, statuses),
    };
  });
  return { id: cohort.id, name: cohort.name, teams, canManage: can(actor.role, "cohort.manage", relations) };
}
