"use client";

import { useId, useState } from "react";
import { renameTeam } from "@/lib/actions/rename-team";
import { useRefreshAction } from "./use-refresh-action";

/** Renames the team in place; the name it had stays in the field until the server accepts the new one. */
export function RenameTeamForm({ teamId, name }: { teamId: string; name: string }) {
  const id = useId();
  const [draft, setDraft] = useState(name);
  const rename = useRefreshAction(renameTeam, "The team was not renamed.");
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        rename.mutate({ teamId, name: draft });
      }}
    >
      <div>
        <label htmlFor={id} className="block text-xs font-medium text-slate-700">
          Name<span className="sr-only"> of {name}</span>
        </label>
        <input id={id} value={draft} maxLength={60} onChange={(e) => { setDraft(e.target.value); rename.reset(); }} className="mt-0.5 w-48 rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm" aria-describedby={rename.isError ? `${id}-error` : undefined} />
      </div>
      <button type="submit" disabled={rename.isPending || draft.trim() === name} className="rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60">
        {rename.isPending ? "Renaming…" : "Rename"}
        <span className="sr-only"> {name}</span>
      </button>
      <span role="status" className="text-xs">{rename.isSuccess ? <span className="font-medium text-emerald-800">✓ Renamed</span> : null}</span>
      {rename.isError ? (
        <p id={`${id}-error`} role="alert" className="basis-full text-xs text-rose-700">
          {rename.error.message}
        </p>
      ) : null}
    </form>
  );
}
