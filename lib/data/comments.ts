import "server-only";
import { audited } from "@/lib/audit/append";
import { sha256Hex } from "@/lib/audit/hash";
import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { TMarkCommentsRead, TPostComment } from "@/lib/validations/comment";
import { authorizeTeam } from "./access";

export type CommentView = { id: string; body: string; createdAt: string; author: string; side: "team" | "instructor"; mine: boolean; unread: boolean };
export type CommentThread = { comments: CommentView[]; unread: number; canPost: boolean };

function stepOrThrow(stepId: string) {
  if (!findStep(loadCourse(), stepId)) throw new AppError("NOT_FOUND", `There is no step ${stepId} in this course.`);
}

type Row = { id: string; body: string; createdAt: Date; authorId: string; author: { name: string; role: string } };
const view = (actor: Actor, readAt: Date | null) => (c: Row): CommentView => ({
  id: c.id,
  body: c.body,
  createdAt: c.createdAt.toISOString(),
  author: c.author.name,
  side: c.author.role === "STUDENT" ? "team" : "instructor",
  mine: c.authorId === actor.id,
  unread: c.authorId !== actor.id && (readAt === null || c.createdAt > readAt),
});

const SELECT = { id: true, body: true, createdAt: true, authorId: true, author: { select: { name: true, role: true } } } as const;

/** A step's comments between the team and its instructors, oldest first; what others wrote since the reader last looked is unread. */
export async function getStepComments(actor: Actor, teamId: string, stepId: string): Promise<CommentThread> {
  const relations = await authorizeTeam(actor, "comment.read", teamId);
  stepOrThrow(stepId);
  // One query for the comments, their authors and the reader's marker (Prisma's include and a second findUnique
  // were three, sent even when there are no comments; with none, the marker does not matter).
  const rows = await (await getDb()).$queryRaw<{ id: string; body: string; createdAt: Date; authorId: string; authorName: string; authorRole: string; readAt: Date | null }[]>`
    SELECT c."id", c."body", c."createdAt", c."authorId", u."name" AS "authorName", u."role"::text AS "authorRole",
           (SELECT r."readAt" FROM "StepCommentRead" r WHERE r."userId" = ${actor.id} AND r."teamId" = ${teamId} AND r."stepId" = ${stepId}) AS "readAt"
    FROM "StepComment" c JOIN "User" u ON u."id" = c."authorId"
    WHERE c."teamId" = ${teamId} AND c."stepId" = ${stepId}
    ORDER BY c."createdAt" ASC, c."id" ASC`;
  const readAt = rows[0]?.readAt ? new Date(rows[0].readAt) : null;
  const comments = rows.map((r) => view(actor, readAt)({ id: r.id, body: r.body, createdAt: new Date(r.createdAt), authorId: r.authorId, author: { name: r.authorName, role: r.authorRole } }));
  return { comments, unread: comments.filter((c) => c.unread).length, canPost: can(actor.role, "comment.post", relations) };
}

export async function postStepComment(actor: Actor, input: TPostComment): Promise<CommentView> {
  await authorizeTeam(actor, "comment.post", input.teamId);
  stepOrThrow(input.stepId);
  const db = await getDb();
  // Like notes, the trail keeps the comment's hash and length, not its text.
  const row = await audited(db, (tx) => tx.stepComment.create({ data: { teamId: input.teamId, stepId: input.stepId, authorId: actor.id, body: input.body }, select: SELECT }), (r) => ({
    type: "comment.posted",
    actorId: actor.id,
    teamId: input.teamId,
    subject: input.stepId,
    data: { commentId: r.id, chars: input.body.length, bodySha256: sha256Hex(input.body) },
  }));
  // Writing in a thread means having read it up to here.
  await advanceReadMarker(actor.id, input.teamId, input.stepId, row.createdAt);
  return view(actor, row.createdAt)(row);
}

/** The reader has seen the thread up to `upTo` (never later than now): comments up to then stop being unread. */
export async function markStepCommentsRead(actor: Actor, input: TMarkCommentsRead): Promise<void> {
  await authorizeTeam(actor, "comment.read", input.teamId);
  stepOrThrow(input.stepId);
  const now = new Date();
  await advanceReadMarker(actor.id, input.teamId, input.stepId, input.upTo > now ? now : input.upTo);
}

// A marker only moves forward: two tabs marking at once, or an older page, never make comments unread again.
async function advanceReadMarker(userId: string, teamId: string, stepId: string, readAt: Date) {
  await (await getDb()).$executeRaw`
    INSERT INTO "StepCommentRead" ("userId", "teamId", "stepId", "readAt") VALUES (${userId}, ${teamId}, ${stepId}, ${readAt})
    ON CONFLICT ("userId", "teamId", "stepId") DO UPDATE SET "readAt" = GREATEST("StepCommentRead"."readAt", EXCLUDED."readAt")`;
}

/** Steps of the team with comments the actor has not read, for the plan's "new comments" list. */
export async function getUnreadComments(actor: Actor, teamId: string): Promise<{ stepId: string; count: number; latestAt: Date }[]> {
  await authorizeTeam(actor, "comment.read", teamId);
  const rows = await (await getDb()).$queryRaw<{ stepId: string; count: number; latestAt: Date }[]>`
    SELECT c."stepId", count(*)::int AS "count", max(c."createdAt") AS "latestAt"
    FROM "StepComment" c
    LEFT JOIN "StepCommentRead" r ON r."userId" = ${actor.id} AND r."teamId" = c."teamId" AND r."stepId" = c."stepId"
    WHERE c."teamId" = ${teamId} AND c."authorId" <> ${actor.id} AND (r."readAt" IS NULL OR c."createdAt" > r."readAt")
    GROUP BY c."stepId" ORDER BY max(c."createdAt") DESC`;
  return rows.map((r) => ({ ...r, latestAt: new Date(r.latestAt) }));
}
