import type { Course } from "@/lib/course/schema";
import type { BoardTeam } from "@/lib/data/board";
import { Card } from "@/components/ui/card";
import { StatusLegend } from "./status-legend";
import { TeamGrid } from "./team-grid";

type Props = { course: Course; cohortName: string; teams: BoardTeam[]; showBlocked?: boolean; empty: React.ReactNode };

export function BoardCard({ course, cohortName, teams, showBlocked = false, empty }: Props) {
  return (
    <Card className="p-4 sm:p-5">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Board</h2>
          <p className="text-sm text-slate-600">Every team&apos;s 40 steps, day by day. Open a cell to see that step.</p>
        </div>
        <StatusLegend showBlocked={showBlocked} />
      </div>
      {teams.length ? (
        <>
          <TeamGrid course={course} teams={teams} caption={`${cohortName}: step status per team`} />
          <p className="mt-2 text-xs text-slate-600 sm:hidden">Swipe the grid sideways to see all 20 days.</p>
        </>
      ) : (
        empty
      )}
    </Card>
  );
}
