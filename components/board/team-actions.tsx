"use client";

import { expireJoinCode } from "@/lib/actions/expire-join-code";
import { setTeamArchived } from "@/lib/actions/set-team-archived";
import { useRefreshAction } from "./use-refresh-action";

const small = "rounded-lg border bg-white px-2.5 py-1 text-xs font-medium disabled:opacity-60";

/** Stops the join code working now (a new code opens joining again). */
export function ExpireJoinCodeButton({ teamId, teamName }: { teamId: string; teamName: string }) {
  const expire = useRefreshAction(expireJoinCode, "The join code was not expired.");
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={expire.isPending}
        onClick={() => {
          if (window.confirm(`Stop ${teamName}'s join code working now? Nobody can join until you draw a new one.`)) expire.mutate({ teamId });
        }}
        className={`${small} border-slate-300 text-slate-700 hover:bg-slate-50`}
      >
        {expire.isPending ? "Expiring…" : "Expire now"}
        <span className="sr-only"> the join code of {teamName}</span>
      </button>
      {expire.isError ? <p role="alert" className="text-xs text-rose-700">{expire.error.message}</p> : null}
    </div>
  );
}

/** Archives the team (it leaves the board; every record stays) or brings it back. */
export function ArchiveTeamButton({ teamId, teamName, archived }: { teamId: string; teamName: string; archived: boolean }) {
  const archive = useRefreshAction(setTeamArchived, archived ? "The team was not restored." : "The team was not archived.");
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        disabled={archive.isPending}
        onClick={() => {
          if (archived || window.confirm(`Archive ${teamName}? It leaves the board and the stakeholders' overview; its members, progress, runs, notes and comments are kept, and you can restore it.`)) archive.mutate({ teamId, archived: !archived });
        }}
        className={archived ? `${small} border-slate-300 text-slate-700 hover:bg-slate-50` : `${small} border-rose-300 text-rose-700 hover:bg-rose-50`}
      >
        {archive.isPending ? "Saving…" : archived ? "Restore" : "Archive team"}
        <span className="sr-only"> {teamName}</span>
      </button>
      {archive.isError ? <p role="alert" className="text-xs text-rose-700">{archive.error.message}</p> : null}
    </div>
  );
}
