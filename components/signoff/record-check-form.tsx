"use client";

import { useState, useTransition } from "react";
import { checkSignoffRecord } from "@/lib/actions/check-signoff-record";
import type { ActionState } from "@/lib/actions/action-state";
import type { RecordCheckResult } from "@/lib/signoff/record";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

/** Paste an exported record: its hashes are recomputed and compared with the team's evidence today. */
export function RecordCheckForm({ teamId }: { teamId: string }) {
  const [pending, start] = useTransition();
  const [state, setState] = useState<ActionState<RecordCheckResult> | null>(null);
  const result = state?.ok ? state.data : undefined;
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const record = String(new FormData(e.currentTarget).get("record") ?? "");
        start(async () => setState(await checkSignoffRecord({ teamId, record })));
      }}
    >
      <label className="block text-sm">
        <span className="font-medium text-slate-800">Exported sign-off record (JSON)</span>
        <textarea name="record" rows={4} className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 font-mono text-xs shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100" placeholder='{"format": "daybook-signoff-record/1", …}' />
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Checking…" : "Check the record"}</Button>
      <FormAlert message={state && !state.ok ? state.message : result && !result.ok ? result.message : null} />
      {result?.ok ? (
        <div role="status" className="space-y-2 text-sm">
          {!result.teamMatches ? <p className="font-medium text-amber-900">This record is of another team; it is compared with this team&apos;s evidence.</p> : null}
          <ul className="space-y-2">
            {result.checks.map((c) => (
              <li key={`${c.round}-${c.role}`} className="rounded-lg border border-slate-200 p-2">
                <p className="font-medium text-slate-900">Round {c.round}, {c.role.replace("_", " ").toLowerCase()}: {c.signer}</p>
                <p className={c.intact ? "text-emerald-800" : "text-rose-800"}>{c.intact ? "✓ The record's evidence gives its hash." : "✗ The record's evidence does not give its hash: it was altered."}</p>
                <p className={c.known ? "text-emerald-800" : "text-amber-900"}>{c.known ? "✓ Daybook holds this sign-off." : "Daybook holds no such sign-off."}</p>
                <p className={c.matchesCurrent ? "text-emerald-800" : "text-amber-900"}>{c.matchesCurrent ? "✓ It matches the current evidence." : `The evidence has changed since: ${c.changes.map((x) => `Step ${x.number} ${x.what}`).join("; ") || "see above"}.`}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
