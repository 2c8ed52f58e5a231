import "server-only";
import type { Actor } from "@/lib/auth/session";
import { findStep, loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { audited } from "@/lib/audit/append";
import { sha256Hex } from "@/lib/audit/hash";
import { authorizeTeam } from "./access";
import { isRecordNotFound, isUniqueViolation } from "./db-errors";
import { NOTE_MAX_CHARS } from "./note-limits";

export type NoteView = {
  body: string;
  blocked: boolean;
  blockedReason: string | null;
  version: number;
  author: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
};

const noteSelect = {
  body: true,
  blocked: true,
  blockedReason: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { name: true } },
  updatedBy: { select: { name: true } },
} as const;

type NoteRow = { body: string; blocked: boolean; blockedReason: string | null; version: number; createdAt: Date; updatedAt: Date; author: { name: string }; updatedBy: { name: string } };
const toView = ({ body, blocked, blockedReason, version, createdAt, updatedAt, author, updatedBy }: NoteRow): NoteView => ({
  body,
  blocked,
  blockedReason,
  version,
  createdAt,
  updatedAt,
  author: author.name,
  updatedBy: updatedBy.name,
});

export async function getStepNote(actor: Actor, teamId: string, stepId: string): Promise<NoteView | null> {
  await authorizeTeam(actor, "note.read", teamId);
  return readNote(teamId, stepId);
}

export type SaveNoteInput = {
  teamId: string;
  stepId: string;
  body: string;
  blocked: boolean;
  blockedReason: string | null;
  /** The version the editor started from; 0 for a new note. A stale version is a conflict, never an overwrite. */
  baseVersion: number;
};

export async function saveStepNote(actor: Actor, input: SaveNoteInput): Promise<NoteView> {
  await authorizeTeam(actor, "note.write", input.teamId);
  if (!findStep(loadCourse(), input.stepId)) throw new AppError("NOT_FOUND", `There is no step ${input.stepId} in this course.`);
  if (input.body.length > NOTE_MAX_CHARS) {
    throw new AppError("TOO_LARGE", `Notes are limited to ${NOTE_MAX_CHARS.toLocaleString("en")} characters; this one has ${input.body.length.toLocaleString("en")}.`);
  }
  if (input.blocked && !input.blockedReason?.trim()) throw new AppError("INVALID", "Say why the step is blocked so your instructor can help.");
  const db = await getDb();
  const data = { body: input.body, blocked: input.blocked, blockedReason: input.blocked ? input.blockedReason!.trim() : null, updatedById: actor.id };

  if (input.baseVersion === 0) {
    try {
      return toView(await audited(db, (tx) => tx.stepNote.create({ data: { ...data, teamId: input.teamId, stepId: input.stepId, authorId: actor.id }, select: noteSelect }), (n) => noteEvent(actor, input, n.version)));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return repeatedSaveOrConflict(actor, input);
    }
  }
  try {
    // Matches only the version the editor started from, and returns exactly the row this save wrote.
    return toView(
      await audited(db, (tx) => tx.stepNote.update({
        where: { teamId_stepId: { teamId: input.teamId, stepId: input.stepId }, version: input.baseVersion },
        data: { ...data, version: { increment: 1 } },
        select: noteSelect,
      }), (n) => noteEvent(actor, input, n.version)),
    );
  } catch (error) {
    if (!isRecordNotFound(error)) throw error;
    return repeatedSaveOrConflict(actor, input);
  }
}

// The note's text stays in the note (the trail proves which text by its hash); the blocked reason is kept, for the closure report's blockers.
const noteEvent = (actor: Actor, input: SaveNoteInput, version: number) =>
  ({ type: "note.saved", actorId: actor.id, teamId: input.teamId, subject: input.stepId, data: { version, blocked: input.blocked, blockedReason: input.blocked ? input.blockedReason!.trim() : null, chars: input.body.length, bodySha256: sha256Hex(input.body) } }) as const;

/**
 * The base version has moved on. If the row now holds exactly this save, written by this author on top
 * of that base (a double click, or a retry after a lost response), it is answered as a success;
 * anything else is a teammate's change and a conflict.
 */
async function repeatedSaveOrConflict(actor: Actor, input: SaveNoteInput): Promise<NoteView> {
  const row = await (await getDb()).stepNote.findUnique({ where: { teamId_stepId: { teamId: input.teamId, stepId: input.stepId } }, select: { ...noteSelect, updatedById: true } });
  if (!row) throw new NoteConflictError(null);
  const latest = toView(row);
  if (isSameSave(latest, row.updatedById, actor, input)) return latest;
  throw new NoteConflictError(latest);
}

function isSameSave(note: NoteView, updatedById: string, actor: Actor, input: SaveNoteInput): boolean {
  const reason = input.blocked ? input.blockedReason!.trim() : null;
  return (
    updatedById === actor.id &&
    note.version === input.baseVersion + 1 &&
    note.body === input.body &&
    note.blocked === input.blocked &&
    note.blockedReason === reason
  );
}

async function readNote(teamId: string, stepId: string): Promise<NoteView | null> {
  const row = await (await getDb()).stepNote.findUnique({ where: { teamId_stepId: { teamId, stepId } }, select: noteSelect });
  return row ? toView(row) : null;
}

/** A save based on an old version. Carries the note as it is now so the editor can show it next to the draft. */
export class NoteConflictError extends AppError {
  constructor(readonly latest: NoteView | null) {
    super("CONFLICT", `${latest?.updatedBy ?? "A teammate"} saved this note while you were editing. Their version is shown below the editor.`);
  }
}
