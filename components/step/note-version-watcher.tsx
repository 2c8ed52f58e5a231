"use client";

import { useRefreshOnNewNote } from "./use-step-state";

/** For the read-only note: shows a teammate's newer note without a reload. */
export function NoteVersionWatcher({ teamId, stepId, version }: { teamId: string; stepId: string; version: number }) {
  useRefreshOnNewNote(teamId, stepId, version);
  return null;
}
