import { PageLink } from "@/components/layout/page-link";
import { ROLE_HOME } from "@/lib/authz/home";
import { can, type Role } from "@/lib/authz/permissions";
import type { PlanTeam } from "@/lib/data/plan-team";

export function TeamBanner({ team, role }: { team: PlanTeam | null; role: Role }) {
  if (team?.viewingOther) {
    return (
      <div className="mb-6 flex flex-wrap items-center justify-between gap-2 rounded-lg border border-brand-100 bg-brand-50 px-4 py-2 text-sm text-brand-900">
        <span>
          Viewing <strong>{team.name}</strong> ({team.cohort}) — read-only.
        </span>
        <PageLink href={ROLE_HOME[role].href} className="font-medium underline">
          {ROLE_HOME[role].back}
        </PageLink>
      </div>
    );
  }
  if (!team && !can(role, "plan.chooseTeam")) {
    return (
      <div role="status" className="mb-6 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
        You are not on a team yet. Open the join link your instructor shared to start tracking progress.
      </div>
    );
  }
  if (!team) {
    return (
      <div className="mb-6 rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm text-slate-700">
        Previewing the course content. Open a team from the board to see its progress.
      </div>
    );
  }
  return null;
}
