import { PageLink } from "@/components/layout/page-link";
import type { BoardTeam } from "@/lib/data/board";
import { Card } from "@/components/ui/card";
import { CopyButton } from "./copy-button";
import { DesignationSelect } from "./designation-select";
import { isDesignation, joinLink } from "./labels";
import { MemberControls } from "./member-controls";
import { RenameTeamForm } from "./rename-team-form";
import { RotateJoinCodeButton } from "./rotate-join-code-button";
import { ArchiveTeamButton, ExpireJoinCodeButton } from "./team-actions";

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** One team as the instructor manages it: name, join code and link, members with their designations, moves and removals. */
export function TeamRoster({ team, origin, others, now = new Date() }: { team: BoardTeam; origin: string; others: { id: string; name: string }[]; now?: Date }) {
  const expired = team.joinCodeExpiresAt !== null && team.joinCodeExpiresAt <= now;
  const link = team.joinCode && !expired ? joinLink(origin, team.joinCode) : null;
  const archived = team.archivedAt !== null;
  return (
    <Card className={archived ? "bg-slate-50 p-5" : "p-5"} data-testid={`team-roster-${team.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-base font-semibold">
            {team.name}
            {archived ? <span className="ml-2 rounded-full bg-slate-200 px-2 py-0.5 align-middle text-xs font-semibold text-slate-800">Archived {day.format(team.archivedAt!)}</span> : null}
          </h2>
          <p className="text-sm text-slate-600">
            {team.members.length} {team.members.length === 1 ? "member" : "members"} · {team.progress.overall.percent}% done ·{" "}
            <PageLink href={`/instructor/teams/${team.id}`} className="font-medium text-brand-700 hover:underline">
              Review
            </PageLink>{" "}
            ·{" "}
            <PageLink href={`/plan?team=${team.id}`} className="font-medium text-brand-700 hover:underline">
              Open plan
            </PageLink>
          </p>
        </div>
        {team.joinCode && !archived ? (
          <div className="flex items-start gap-3 sm:text-right">
            <div>
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Join code</p>
              <p className={expired ? "font-mono text-lg font-semibold tracking-wider text-slate-500 line-through" : "font-mono text-lg font-semibold tracking-wider"} data-testid="join-code">
                {team.joinCode}
              </p>
              {team.joinCodeExpiresAt ? (
                <p className={expired ? "text-xs font-medium text-rose-700" : "text-xs text-slate-600"} data-testid="join-code-expiry">
                  {expired ? "Expired" : "Expires"} {day.format(team.joinCodeExpiresAt)}
                </p>
              ) : null}
            </div>
            <div className="flex flex-col items-end gap-1.5">
              <RotateJoinCodeButton teamId={team.id} teamName={team.name} />
              {expired ? null : <ExpireJoinCodeButton teamId={team.id} teamName={team.name} />}
            </div>
          </div>
        ) : null}
      </div>
      {link && !archived ? (
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
            <li key={m.id} className="space-y-2 py-2.5" data-testid={`member-${m.id}`}>
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">{m.name}</p>
                {m.email ? <p className="truncate text-xs text-slate-600">{m.email}</p> : null}
              </div>
              <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
                <DesignationSelect userId={m.id} name={m.name} designation={isDesignation(m.designation) ? m.designation : "NONE"} />
                <MemberControls userId={m.id} name={m.name} teams={others} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-4 flex flex-wrap items-end justify-between gap-3 border-t border-slate-100 pt-3">
        <RenameTeamForm teamId={team.id} name={team.name} />
        <ArchiveTeamButton teamId={team.id} teamName={team.name} archived={archived} />
      </div>
    </Card>
  );
}
