"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { authorizeTeam } from "@/lib/data/access";
import { NoteConflictError, saveStepNote as storeStepNote, type NoteView } from "@/lib/data/notes";
import { ZSaveStepNote, type TSaveStepNote } from "@/lib/validations/note";
import { failed, invalid, type ActionState } from "./action-state";

export type SaveNoteState = ActionState<NoteView> & { latest?: NoteView | null };

// Saves the team's Markdown note on a step; a stale base version is refused and answered with the newer note.
export async function saveStepNote(input: TSaveStepNote): Promise<SaveNoteState> {
  const parsed = ZSaveStepNote.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const actor = await requireActor();
    await authorizeTeam(actor, "note.write", parsed.data.teamId);
    const note = await storeStepNote(actor, parsed.data);
    revalidatePath("/plan", "layout");
    return { ok: true, data: note };
  } catch (error) {
    if (error instanceof NoteConflictError) return { ok: false, message: error.message, latest: error.latest };
    return failed(error);
  }
}
