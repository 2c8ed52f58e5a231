"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { saveStepNote } from "@/lib/actions/save-step-note";
import { BLOCKED_REASON_MAX_CHARS } from "@/lib/data/note-limits";
import type { NoteView } from "@/lib/data/notes";
import { Button } from "@/components/ui/button";
import type { SavedNote } from "./note-conflict";

type Props = { teamId: string; stepId: string; saved: SavedNote; onSaved: (note: NoteView) => void };

/**
 * Flags the step as blocked (with a reason) or clears the flag, saved at once. It changes only the flag:
 * the note text is sent as the server has it, and a teammate's newer text is kept by retrying on top of it.
 */
export function BlockedControl({ teamId, stepId, saved, onSaved }: Props) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState(saved.blockedReason ?? "");
  const sending = useRef(false);

  const mutation = useMutation({
    mutationFn: async (wanted: { blocked: boolean; reason: string }) => {
      let base = saved;
      for (let attempt = 0; attempt < 2; attempt++) {
        const result = await saveStepNote({ teamId, stepId, body: base.body, blocked: wanted.blocked, blockedReason: wanted.blocked ? wanted.reason : null, baseVersion: base.version });
        if (result.ok) return result.data!;
        if (!result.latest) throw new Error(result.message);
        base = { ...base, body: result.latest.body, version: result.latest.version };
      }
      throw new Error("Teammates are editing this note right now; try again in a moment.");
    },
    onSuccess: (note) => {
      setEditing(false);
      onSaved(note);
    },
    onSettled: () => {
      sending.current = false;
    },
  });
  const send = (blocked: boolean) => {
    if (sending.current) return;
    sending.current = true;
    mutation.mutate({ blocked, reason });
  };

  return (
    <section aria-label="Blocked" className="mb-4 space-y-2">
      {saved.blocked && !editing ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          <p className="min-w-0 flex-1 basis-48 break-words">
            <strong>Blocked:</strong> {saved.blockedReason}
          </p>
          <div className="flex gap-2">
            <Button type="button" variant="secondary" className="py-1" onClick={() => { setReason(saved.blockedReason ?? ""); setEditing(true); }}>Edit reason</Button>
            <Button type="button" variant="secondary" className="py-1" disabled={mutation.isPending} onClick={() => send(false)}>{mutation.isPending ? "Saving…" : "Unblock"}</Button>
          </div>
        </div>
      ) : editing ? (
        <form
          className="flex flex-wrap items-end gap-2 rounded-lg border border-rose-200 bg-rose-50/60 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            send(true);
          }}
        >
          <div className="min-w-0 flex-1 basis-56">
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-rose-900">Why are you blocked?</label>
            <input id={`${id}-reason`} value={reason} required maxLength={BLOCKED_REASON_MAX_CHARS} autoFocus onChange={(e) => setReason(e.target.value)} placeholder="Your instructor sees this on the board." className="mt-1 block w-full rounded-lg border border-rose-300 bg-white px-3 py-1.5 text-sm outline-none focus:ring-2 focus:ring-rose-100" />
          </div>
          <Button type="submit" variant="danger" disabled={mutation.isPending || !reason.trim()}>{mutation.isPending ? "Saving…" : saved.blocked ? "Save reason" : "Flag as blocked"}</Button>
          <Button type="button" variant="ghost" onClick={() => setEditing(false)}>Cancel</Button>
        </form>
      ) : (
        <Button type="button" variant="danger" onClick={() => setEditing(true)}>We are blocked on this step</Button>
      )}
      {mutation.isError ? <p role="alert" className="text-sm text-rose-700">{mutation.error.message}</p> : null}
    </section>
  );
}
