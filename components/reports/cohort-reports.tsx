import { PageLink } from "@/components/layout/page-link";

/** The teams of a cohort, each with its closure report and sign-off. */
export function CohortReports({ cohortId, teams }: { cohortId: string; teams: { id: string; name: string }[] }) {
  if (teams.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No teams in this cohort yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" data-cohort={cohortId}>
      {teams.map((t) => (
        <li key={t.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
          <span className="min-w-40 font-medium text-slate-900">{t.name}</span>
          <PageLink href={`/reports?team=${t.id}`} className="font-medium text-brand-700 underline">Closure report</PageLink>
          <PageLink href={`/signoff?team=${t.id}`} className="font-medium text-brand-700 underline">Sign-off</PageLink>
          <span className="ml-auto flex gap-3 text-xs">
            <a href={`/api/reports/teams/${t.id}/closure/pdf`} download className="text-slate-700 underline">PDF</a>
            <a href={`/api/reports/teams/${t.id}/closure/md`} download className="text-slate-700 underline">Markdown</a>
          </span>
        </li>
      ))}
    </ul>
  );
}
