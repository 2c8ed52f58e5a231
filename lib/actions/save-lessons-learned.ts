"use server";

import { LessonsConflictError, saveLessonsLearned as save } from "@/lib/reports/data";
import { ZSaveLessons } from "@/lib/reports/validation";
import type { ActionState } from "./action-state";
import { defineAction } from "./define-action";

export type SaveLessonsState = ActionState<{ version: number }> & { latest?: { text: string; version: number } };

// The team's lessons learned for the closure report; a stale base version is answered with the newer text.
export const saveLessonsLearned = defineAction<typeof ZSaveLessons, { version: number }, SaveLessonsState>({
  schema: ZSaveLessons,
  run: (actor, input) => save(actor, input),
  revalidate: { path: "/reports" },
  recover: (error) => (error instanceof LessonsConflictError ? { ok: false, code: "CONFLICT", message: error.message, latest: error.latest } : undefined),
});
