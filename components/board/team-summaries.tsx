import type { Course } from "@/lib/course/schema";
import type { BoardTeam } from "@/lib/data/board";
import { TeamSummary } from "./team-summary";

export function TeamSummaries({ course, teams, showPhases = false, reviewBase }: { course: Course; teams: BoardTeam[]; showPhases?: boolean; reviewBase?: string }) {
  if (!teams.length) return null;
  return (
    <section aria-labelledby="teams-heading">
      <h2 id="teams-heading" className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-600">
        Teams
      </h2>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {teams.map((team) => (
          <TeamSummary key={team.id} course={course} team={team} showPhases={showPhases} reviewHref={reviewBase ? `${reviewBase}/${team.id}` : undefined} />
        ))}
      </div>
    </section>
  );
}
