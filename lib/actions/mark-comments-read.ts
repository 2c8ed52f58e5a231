"use server";

import { markStepCommentsRead } from "@/lib/data/comments";
import { ZMarkCommentsRead } from "@/lib/validations/comment";
import { defineAction } from "./define-action";

// The reader has seen a step's comments up to the newest one shown; their unread marker clears.
// No revalidation: the open page keeps showing which comments were new on this visit.
export const markCommentsRead = defineAction({
  schema: ZMarkCommentsRead,
  run: (actor, input) => markStepCommentsRead(actor, input),
});
