import type { BoardTeam } from "@/lib/data/board";

function stats(teams: BoardTeam[]) {
  const average = teams.length ? Math.round(teams.reduce((sum, t) => sum + t.progress.overall.percent, 0) / teams.length) : 0;
  const verified = teams.reduce((sum, t) => sum + [...t.statuses.values()].filter((s) => s === "VERIFIED").length, 0);
  const total = teams.reduce((sum, t) => sum + t.progress.overall.total, 0);
  const blocked = teams.reduce((sum, t) => sum + t.blocked.length, 0);
  return { average, verified, total, blocked };
}

export function CohortStats({ teams, showBlocked = false }: { teams: BoardTeam[]; showBlocked?: boolean }) {
  const s = stats(teams);
  const tiles = [
    { label: "Teams", value: String(teams.length), detail: `${teams.reduce((n, t) => n + t.members.length, 0)} students` },
    { label: "Average completion", value: `${s.average}%`, detail: "of the 40 steps, per team" },
    { label: "Steps verified", value: String(s.verified), detail: `of ${s.total} across all teams` },
    ...(showBlocked ? [{ label: "Blocked steps", value: String(s.blocked), detail: s.blocked ? "need your help" : "nothing blocked" }] : []),
  ];
  return (
    <dl className={showBlocked ? "grid grid-cols-2 gap-3 lg:grid-cols-4" : "grid grid-cols-2 gap-3 sm:grid-cols-3"} data-testid="cohort-stats">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{tile.label}</dt>
          <dd className={tile.label === "Blocked steps" && s.blocked ? "mt-1 text-2xl font-semibold text-rose-700" : "mt-1 text-2xl font-semibold"}>{tile.value}</dd>
          <dd className="text-xs text-slate-600">{tile.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
