"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { saveStepNote } from "@/lib/actions/save-step-note";
import { NOTE_MAX_CHARS } from "@/lib/data/note-limits";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { BlockedControl } from "./blocked-control";
import { Markdown } from "./markdown";
import type { NoteView } from "@/lib/data/notes";
import { NoteConflict, type SavedNote } from "./note-conflict";
import { clearDraft, readDraft, writeDraft, type NoteDraft } from "./note-draft";
import { useRefreshOnNewNote } from "./use-step-state";

const differs = (draft: NoteDraft, note: SavedNote) => draft.body !== note.body;
const draftOf = (note: SavedNote): NoteDraft => ({ body: note.body, baseVersion: note.version });

export function NoteEditor({ teamId, stepId, initial }: { teamId: string; stepId: string; initial: SavedNote }) {
  const ids = useId();
  const [baseline, setBaseline] = useState<SavedNote>(initial);
  const [draft, setDraft] = useState<NoteDraft>(draftOf(initial));
  const [restored, setRestored] = useState(false);
  const [conflict, setConflict] = useState<SavedNote | null>(null);
  const [tab, setTab] = useState<"write" | "preview">("write");

  // On load, and whenever the server's version moves on: follow it unless this browser holds unsaved text.
  useEffect(() => {
    const stored = readDraft(teamId, stepId);
    // This session's own draft, already on the server's version (e.g. after the blocked flag was saved).
    if (stored && stored.body === draft.body && stored.baseVersion === draft.baseVersion && stored.baseVersion >= initial.version) return;
    if (!stored) {
      setBaseline(initial);
      setDraft(draftOf(initial));
    } else if (stored.baseVersion < initial.version && stored.baseVersion === baseline.version && initial.body === baseline.body) {
      // A teammate changed only the blocked flag: the unsaved text carries over onto their version.
      const next = { ...stored, baseVersion: initial.version };
      setBaseline(initial);
      setDraft(next);
      writeDraft(teamId, stepId, next);
    } else if (stored.baseVersion < initial.version) {
      // The draft was started from a version a teammate has since replaced: show both, never overwrite silently.
      setDraft(stored);
      setConflict(initial);
    } else if (differs(stored, initial)) {
      setDraft(stored);
      setRestored(true);
    }
  }, [teamId, stepId, initial.version]); // keyed on the version: a refresh of the same version must not touch the draft

  const update = (patch: Partial<NoteDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    writeDraft(teamId, stepId, next);
  };

  // isPending only flips on the next render; a second click in the same frame must see the first one.
  const sending = useRef(false);
  const mutation = useMutation({
    onSettled: () => {
      sending.current = false;
    },
    // The text is saved with the blocked flag of the version it is based on: only the blocked control changes that.
    mutationFn: async ({ toSave, base }: { toSave: NoteDraft; base: SavedNote }) => {
      const result = await saveStepNote({ teamId, stepId, body: toSave.body, blocked: base.blocked, blockedReason: base.blocked ? base.blockedReason : null, baseVersion: toSave.baseVersion });
      if (!result.ok) {
        if (result.latest !== undefined) setConflict(result.latest ? toSavedNote(result.latest) : null);
        throw new Error(result.message);
      }
      return result.data!;
    },
    onSuccess: (note) => {
      clearDraft(teamId, stepId);
      setRestored(false);
      setConflict(null);
      setDraft((d) => ({ ...d, baseVersion: note.version }));
      setBaseline(toSavedNote(note));
    },
  });

  const send = (toSave: NoteDraft, base: SavedNote) => {
    if (sending.current) return;
    sending.current = true;
    mutation.mutate({ toSave, base });
  };
  const keepMine = () => {
    if (!conflict) return;
    const next = { ...draft, baseVersion: conflict.version };
    setDraft(next);
    writeDraft(teamId, stepId, next);
    send(next, conflict);
  };
  // The blocked flag was saved on its own: the draft's text carries over onto the new version.
  const adoptBlockedSave = (note: NoteView) => {
    const saved = toSavedNote(note);
    const clean = draft.body === baseline.body && draft.baseVersion === baseline.version;
    const sameText = saved.body === baseline.body && draft.baseVersion === baseline.version;
    setBaseline(saved);
    if (clean) setDraft(draftOf(saved));
    else if (sameText) {
      const next = { ...draft, baseVersion: saved.version };
      setDraft(next);
      writeDraft(teamId, stepId, next);
    }
  };
  const useTheirs = () => {
    if (!conflict) return;
    setDraft(draftOf(conflict));
    setBaseline(conflict);
    clearDraft(teamId, stepId);
    setConflict(null);
    setRestored(false);
    mutation.reset();
  };

  useRefreshOnNewNote(teamId, stepId, Math.max(baseline.version, conflict?.version ?? 0));

  const tooLong = draft.body.length > NOTE_MAX_CHARS;
  const dirty = differs(draft, baseline) || draft.baseVersion !== baseline.version || restored;

  return (
    <>
    <BlockedControl teamId={teamId} stepId={stepId} saved={baseline} onSaved={adoptBlockedSave} />
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!tooLong && !conflict) send(draft, baseline);
      }}
      className="space-y-3"
    >
      <div className="flex items-center justify-between">
        <div role="tablist" aria-label="Note editor" className="flex gap-1 text-sm">
          {(["write", "preview"] as const).map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)} className={cn("rounded-md px-2.5 py-1 font-medium capitalize", tab === t ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100")}>
              {t}
            </button>
          ))}
        </div>
        <span className={cn("text-xs tabular-nums", tooLong ? "font-semibold text-rose-700" : "text-slate-600")}>
          {draft.body.length.toLocaleString("en")} / {NOTE_MAX_CHARS.toLocaleString("en")}
        </span>
      </div>
      {tab === "write" ? (
        <>
          <label htmlFor={`${ids}-body`} className="sr-only">Team note (Markdown)</label>
          <textarea id={`${ids}-body`} value={draft.body} onChange={(e) => update({ body: e.target.value })} rows={8} placeholder="What did you run, what did you see, what tripped you up? Markdown works." className="block w-full rounded-lg border border-slate-300 bg-white p-3 font-mono text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100" />
        </>
      ) : (
        <div className="min-h-40 rounded-lg border border-slate-200 bg-white p-3">{draft.body.trim() ? <Markdown text={draft.body} /> : <p className="text-sm text-slate-600">Nothing to preview.</p>}</div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={mutation.isPending || tooLong || !dirty || conflict !== null}>{mutation.isPending ? "Saving…" : "Save note"}</Button>
        <div aria-live="polite" className="text-sm">
          {tooLong ? <p role="alert" className="text-rose-700">This note is over the {NOTE_MAX_CHARS.toLocaleString("en")}-character limit. Shorten it to save; your text is kept.</p> : null}
          {mutation.isError ? <p role="alert" className="text-rose-700">{mutation.error.message} Your text is still here and in this browser&apos;s draft.</p> : null}
          {conflict && !mutation.isError ? <p role="alert" className="text-amber-800">A teammate saved a newer version after you started this draft. Their version is shown below.</p> : null}
          {restored && !mutation.isError ? <p className="text-amber-800">Restored your unsaved draft from this browser.</p> : null}
          {mutation.isSuccess ? <p className="text-emerald-700">Saved.</p> : baseline.updatedAt && !restored && !conflict && !mutation.isError ? <p className="text-slate-600">Last saved by {baseline.updatedBy} · {new Date(baseline.updatedAt).toUTCString().slice(5, 22)} UTC</p> : null}
        </div>
      </div>
      {conflict ? <NoteConflict theirs={conflict} onKeepMine={keepMine} onUseTheirs={useTheirs} pending={mutation.isPending} /> : null}
    </form>
    </>
  );
}

function toSavedNote(note: NoteView): SavedNote {
  return { body: note.body, blocked: note.blocked, blockedReason: note.blockedReason, version: note.version, updatedBy: note.updatedBy, updatedAt: new Date(note.updatedAt).toISOString() };
}
