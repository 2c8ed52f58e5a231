"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { markCommentsRead } from "@/lib/actions/mark-comments-read";
import { postStepComment } from "@/lib/actions/post-step-comment";
import type { CommentThread as Thread } from "@/lib/data/comments";
import { COMMENT_MAX_CHARS } from "@/lib/validations/comment";
import { Button } from "@/components/ui/button";
import { formatWhen } from "@/lib/utils";
import { cn } from "@/lib/utils";

type Props = { teamId: string; stepId: string; thread: Thread; audience: string };

/** Comments, oldest first. What was unread when the page opened is marked "New" for this visit, and read on the server at once. */
export function CommentThread({ teamId, stepId, thread, audience }: Props) {
  const router = useRouter();
  const id = useId();
  const [draft, setDraft] = useState("");
  const [fresh, setFresh] = useState(() => new Set(thread.comments.filter((c) => c.unread).map((c) => c.id)));
  const marked = useRef<string | null>(null);
  const newestUnread = thread.comments.filter((c) => c.unread).at(-1);

  useEffect(() => {
    if (!newestUnread || marked.current === newestUnread.id) return;
    marked.current = newestUnread.id;
    setFresh((seen) => new Set([...seen, ...thread.comments.filter((c) => c.unread).map((c) => c.id)]));
    void markCommentsRead({ teamId, stepId, upTo: newestUnread.createdAt });
  }, [newestUnread, teamId, stepId, thread.comments]);

  const post = useMutation({
    mutationFn: async (body: string) => {
      const result = await postStepComment({ teamId, stepId, body });
      if (!result.ok) throw new Error(result.fieldErrors?.body?.[0] ?? result.message ?? "The comment was not posted.");
    },
    onSuccess: () => {
      setDraft("");
      router.refresh();
    },
  });

  return (
    <div className="space-y-4">
      {thread.comments.length === 0 ? (
        <p className="text-sm text-slate-600">No comments yet. Ask or answer {audience} here.</p>
      ) : (
        <ol className="space-y-3" data-testid="comments">
          {thread.comments.map((c) => (
            <li key={c.id} className={cn("rounded-lg border px-3 py-2", c.side === "instructor" ? "border-brand-100 bg-brand-50/60" : "border-slate-200 bg-white")} data-testid="comment">
              <p className="flex flex-wrap items-center gap-x-2 text-xs text-slate-600">
                <span className="font-semibold text-slate-900">{c.author}</span>
                <span>{c.side === "instructor" ? "Instructor" : "Team"}</span>
                <span>{formatWhen(new Date(c.createdAt))}</span>
                {fresh.has(c.id) ? <span className="rounded-full bg-brand-600 px-1.5 font-semibold text-white">New</span> : null}
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-900">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {thread.canPost ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) post.mutate(draft);
          }}
        >
          <label htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-800">
            Your comment
          </label>
          <textarea
            id={`${id}-body`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            rows={3}
            maxLength={COMMENT_MAX_CHARS}
            aria-describedby={post.isError ? `${id}-error` : undefined}
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
          />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={post.isPending || !draft.trim()}>
              {post.isPending ? "Posting…" : "Post comment"}
            </Button>
            {post.isError ? (
              <p id={`${id}-error`} role="alert" className="text-sm text-rose-700">
                {post.error.message} Your text is still here.
              </p>
            ) : null}
          </div>
        </form>
      ) : null}
    </div>
  );
}
