"use client";

import { useState, useTransition } from "react";
import { signOffTeam } from "@/lib/actions/sign-off-team";
import type { ActionState } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

/** The signer's form: a comment and the hash of the evidence this page showed them. */
export function SignForm({ teamId, evidenceSha256, roleLabel }: { teamId: string; evidenceSha256: string; roleLabel: string }) {
  const [pending, start] = useTransition();
  const [state, setState] = useState<ActionState<unknown> | null>(null);
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const comment = String(new FormData(e.currentTarget).get("comment") ?? "");
        start(async () => setState(await signOffTeam({ teamId, evidenceSha256, comment })));
      }}
    >
      <label className="block text-sm">
        <span className="font-medium text-slate-800">Comment (optional)</span>
        <textarea name="comment" rows={3} maxLength={2000} className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100" placeholder="What you checked, or a condition of your approval" />
      </label>
      <p className="text-xs text-slate-600">
        You approve the evidence below, SHA-256 <span className="break-all font-mono">{evidenceSha256}</span>. If it changes before you sign, Daybook asks you to review it again.
      </p>
      <Button type="submit" disabled={pending}>{pending ? "Signing…" : `Sign off as ${roleLabel.toLowerCase()}`}</Button>
      <FormAlert message={state && !state.ok ? state.message : null} />
    </form>
  );
}
