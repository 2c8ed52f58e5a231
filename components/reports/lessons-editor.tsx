"use client";

import { useState, useTransition } from "react";
import { saveLessonsLearned, type SaveLessonsState } from "@/lib/actions/save-lessons-learned";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

/** The team writes its lessons learned; a teammate's newer save is shown instead of being overwritten. */
export function LessonsEditor({ teamId, text, version }: { teamId: string; text: string; version: number }) {
  const [pending, start] = useTransition();
  const [draft, setDraft] = useState(text);
  const [base, setBase] = useState(version);
  const [state, setState] = useState<SaveLessonsState | null>(null);
  const save = (baseVersion: number) =>
    start(async () => {
      const result = await saveLessonsLearned({ teamId, text: draft, baseVersion });
      setState(result);
      if (result.ok && result.data) setBase(result.data.version);
    });
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        save(base);
      }}
    >
      <label className="block text-sm">
        <span className="font-medium text-slate-800">What went well, what you would do differently</span>
        <textarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={6} maxLength={20000} className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100" />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Saving…" : "Save lessons learned"}</Button>
        {state?.ok ? <span role="status" className="text-sm text-emerald-800">Saved.</span> : null}
      </div>
      <FormAlert message={state && !state.ok ? state.message : null} />
      {state?.latest ? (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-950">Your teammate&apos;s version:</p>
          <p className="mt-1 whitespace-pre-wrap text-slate-800">{state.latest.text}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => save(state.latest!.version)}>Save mine over theirs</Button>
            <Button type="button" variant="ghost" onClick={() => { setDraft(state.latest!.text); setBase(state.latest!.version); setState(null); }}>Use theirs</Button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
