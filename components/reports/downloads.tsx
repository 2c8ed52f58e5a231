const link = "inline-flex items-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50";

export function ReportDownloads({ teamId }: { teamId: string }) {
  return (
    <div className="flex flex-wrap gap-2" aria-label="Download the closure report">
      <a href={`/api/reports/teams/${teamId}/closure/pdf`} download className={link}>Download PDF</a>
      <a href={`/api/reports/teams/${teamId}/closure/md`} download className={link}>Download Markdown</a>
    </div>
  );
}

export function CohortExports({ cohortId }: { cohortId: string }) {
  return (
    <div className="flex flex-wrap gap-2" aria-label="Export the cohort's progress">
      <a href={`/api/reports/cohorts/${cohortId}/progress/csv`} download className={link}>Export progress (CSV)</a>
      <a href={`/api/reports/cohorts/${cohortId}/progress/json`} download className={link}>Export progress (JSON)</a>
    </div>
  );
}
