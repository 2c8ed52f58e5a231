/** The unsaved note text and the version it was started from; the blocked flag saves on its own. */
export type NoteDraft = { body: string; baseVersion: number };

const key = (teamId: string, stepId: string) => `daybook:note-draft:${teamId}:${stepId}`;

/** Unsaved note text lives in localStorage until the server confirms the save, so a failed save or a reload loses nothing. */
export function readDraft(teamId: string, stepId: string): NoteDraft | null {
  try {
    const raw = localStorage.getItem(key(teamId, stepId));
    return raw ? (JSON.parse(raw) as NoteDraft) : null;
  } catch {
    return null;
  }
}

export function writeDraft(teamId: string, stepId: string, draft: NoteDraft) {
  try {
    localStorage.setItem(key(teamId, stepId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the editor still holds the text.
  }
}

export function clearDraft(teamId: string, stepId: string) {
  try {
    localStorage.removeItem(key(teamId, stepId));
  } catch {}
}
