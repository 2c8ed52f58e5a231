"use server";

import { postStepComment as addComment } from "@/lib/data/comments";
import { ZPostComment } from "@/lib/validations/comment";
import { defineAction } from "./define-action";

// A comment on a team's step, from the team or one of its instructors; the other side sees it unread.
export const postStepComment = defineAction({
  schema: ZPostComment,
  run: (actor, input) => addComment(actor, input),
  revalidate: [{ path: "/plan", type: "layout" }, { path: "/instructor", type: "layout" }],
});
