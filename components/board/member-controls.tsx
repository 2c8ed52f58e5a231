"use client";

import { useId, useState } from "react";
import { moveTeamMember } from "@/lib/actions/move-team-member";
import { removeTeamMember } from "@/lib/actions/remove-team-member";
import { useRefreshAction } from "./use-refresh-action";

const small = "rounded-lg border bg-white px-2.5 py-1.5 text-xs font-medium disabled:opacity-60";

/** Move a student to another team of the cohort, or take them off this one. */
export function MemberControls({ userId, name, teams }: { userId: string; name: string; teams: { id: string; name: string }[] }) {
  const id = useId();
  const [target, setTarget] = useState("");
  const move = useRefreshAction(moveTeamMember, `${name} was not moved.`);
  const remove = useRefreshAction(removeTeamMember, `${name} was not removed.`);
  const error = move.error ?? remove.error;
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex flex-wrap items-center gap-2">
        {teams.length ? (
          <>
            <label htmlFor={id} className="sr-only">
              Move {name} to
            </label>
            <select id={id} value={target} onChange={(e) => setTarget(e.target.value)} className="rounded-lg border border-slate-300 bg-white py-1.5 pl-2 pr-7 text-xs text-slate-800">
              <option value="">Move to…</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <button type="button" disabled={!target || move.isPending} onClick={() => move.mutate({ userId, teamId: target })} className={`${small} border-slate-300 text-slate-700 hover:bg-slate-50`}>
              {move.isPending ? "Moving…" : "Move"}
              <span className="sr-only"> {name}</span>
            </button>
          </>
        ) : null}
        <button
          type="button"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(`Take ${name} off the team? Their account and what they did for the team stay.`)) remove.mutate({ userId });
          }}
          className={`${small} border-rose-300 text-rose-700 hover:bg-rose-50`}
        >
          {remove.isPending ? "Removing…" : "Remove"}
          <span className="sr-only"> {name} from the team</span>
        </button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-rose-700">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
