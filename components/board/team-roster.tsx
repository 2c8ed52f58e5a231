import Link from "next/link";
import type { BoardTeam } from "@/lib/data/board";
import { Card } from "@/components/ui/card";
import { CopyButton } from "./copy-button";
import { DesignationSelect } from "./designation-select";
import { RotateJoinCodeButton } from "./rotate-join-code-button";
import { isDesignation, joinLink } from "./labels";

/** One team as the instructor manages it: join code, join link, members and their designations. */
const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export function TeamRoster({ team, origin, now = new Date() }: { team: BoardTeam; origin: string; now?: Date }) {
  const expired = team.joinCodeExpiresAt !== null && team.joinCodeExpiresAt <= now;
  const link = team.joinCode && !expired ? joinLink(origin, team.joinCode) : null;
  return (
    <Card className="p-5" data-testid={`team-roster-${team.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold">{team.name}</h2>
          <p className="text-sm text-slate-600">
            {team.members.length} {team.members.length === 1 ? "member" : "members"} · {team.progress.overall.percent}% done ·{" "}
            <Link href={`/plan?team=${team.id}`} className="font-medium text-brand-700 hover:underline">
              Open plan
            </Link>
          </p>
        </div>
        {team.joinCode ? (
          <div className="flex items-start gap-3 sm:text-right">
            <div>
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Join code</p>
              <p className={expired ? "font-mono text-lg font-semibold tracking-wider text-slate-400 line-through" : "font-mono text-lg font-semibold tracking-wider"} data-testid="join-code">
                {team.joinCode}
              </p>
              {team.joinCodeExpiresAt ? (
                <p className={expired ? "text-xs font-medium text-rose-700" : "text-xs text-slate-600"} data-testid="join-code-expiry">
                  {expired ? "Expired" : "Expires"} {day.format(team.joinCodeExpiresAt)}
                </p>
              ) : null}
            </div>
            <RotateJoinCodeButton teamId={team.id} teamName={team.name} />
          </div>
        ) : null}
      </div>
      {link ? (
        <div className="mt-3 flex items-center gap-2 rounded-lg border border-slate-200 bg-slate-50 py-1 pl-3 pr-1">
          <span className="min-w-0 flex-1 truncate font-mono text-sm text-slate-700" title={link}>
            {link}
          </span>
          <CopyButton text={link} context={`to join ${team.name}`} />
        </div>
      ) : null}
      {team.members.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">Nobody has joined yet. Send the join link to the team&apos;s students.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100 border-t border-slate-100">
          {team.members.map((m) => (
            <li key={m.id} className="flex flex-col gap-2 py-2.5 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">{m.name}</p>
                {m.email ? <p className="truncate text-xs text-slate-600">{m.email}</p> : null}
              </div>
              <DesignationSelect userId={m.id} name={m.name} designation={isDesignation(m.designation) ? m.designation : "NONE"} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
