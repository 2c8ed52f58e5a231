"use client";

import { useState, useTransition } from "react";
import { reopenSignoff } from "@/lib/actions/reopen-signoff";
import type { ActionState } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

/** An instructor reopens the sign-off, saying why; the signers are told. */
export function ReopenForm({ teamId }: { teamId: string }) {
  const [pending, start] = useTransition();
  const [state, setState] = useState<ActionState<unknown> | null>(null);
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const reason = String(new FormData(form).get("reason") ?? "");
        start(async () => {
          const result = await reopenSignoff({ teamId, reason });
          setState(result);
          if (result.ok) form.reset();
        });
      }}
    >
      <label className="block text-sm">
        <span className="font-medium text-slate-800">Reason for reopening</span>
        <textarea name="reason" rows={2} required minLength={5} maxLength={1000} className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100" placeholder="e.g. Step 7.2 regressed; sign again once it is repaired" />
      </label>
      <Button type="submit" variant="danger" disabled={pending}>{pending ? "Reopening…" : "Reopen the sign-off"}</Button>
      <FormAlert message={state && !state.ok ? state.message : null} />
    </form>
  );
}
