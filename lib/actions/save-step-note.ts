"use server";

import { NoteConflictError, saveStepNote as storeStepNote, type NoteView } from "@/lib/data/notes";
import { ZSaveStepNote } from "@/lib/validations/note";
import type { ActionState } from "./action-state";
import { defineAction } from "./define-action";

export type SaveNoteState = ActionState<NoteView> & { latest?: NoteView | null };

// Saves the team's Markdown note on a step; a stale base version is refused and answered with the newer note.
export const saveStepNote = defineAction<typeof ZSaveStepNote, NoteView, SaveNoteState>({
  schema: ZSaveStepNote,
  run: (actor, input) => storeStepNote(actor, input),
  revalidate: { path: "/plan", type: "layout" },
  recover: (error) => (error instanceof NoteConflictError ? { ok: false, code: "CONFLICT", message: error.message, latest: error.latest } : undefined),
});
