import { PageLink } from "@/components/layout/page-link";
import { SIGNOFF_ROLE_LABEL, type SignoffRole } from "@/lib/signoff/chain";
import type { TeamSignoffSummary } from "@/lib/signoff/data";
import { LockIcon } from "./icons";

/** Where each team's sign-off stands, with a link to it. */
export function CohortSignoffs({ cohortId, order, teams }: { cohortId: string; order: SignoffRole[]; teams: TeamSignoffSummary[] }) {
  if (teams.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No teams in this cohort yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" data-cohort={cohortId}>
      {teams.map((t) => (
        <li key={t.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
          <PageLink href={`/signoff?team=${t.id}`} className="min-w-40 font-medium text-brand-700 underline-offset-2 hover:underline">{t.name}</PageLink>
          <span className="flex flex-wrap gap-1.5">
            {order.map((role) => (
              <span key={role} className={t.signed.includes(role) ? "rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-900" : "rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600"}>
                {t.signed.includes(role) ? "✓ " : ""}{SIGNOFF_ROLE_LABEL[role]}
              </span>
            ))}
          </span>
          <span className="ml-auto flex items-center gap-1 text-xs font-medium">
            {t.locked ? <><LockIcon className="h-3.5 w-3.5 text-emerald-800" /><span className="text-emerald-900">Locked</span></> : <span className="text-slate-600">{t.signed.length} of {order.length} signed</span>}
            {t.stale ? <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">Stale</span> : null}
            {t.round > 1 ? <span className="ml-2 text-slate-600">round {t.round}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
