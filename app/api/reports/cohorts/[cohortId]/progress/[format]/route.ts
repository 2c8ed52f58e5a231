import { AppError } from "@/lib/errors";
import { exportCohortProgress, progressCsv } from "@/lib/reports/cohort-export";
import { fileRoute } from "@/lib/reports/file-route";
import { tryDecodeSegment } from "@/lib/validations/route-params";

// A cohort's progress per team and step, as CSV (for spreadsheets) or JSON.
export const GET = fileRoute<{ cohortId: string; format: string }>(async (actor, params) => {
  const cohortId = tryDecodeSegment(params.cohortId);
  if (!cohortId || !["csv", "json"].includes(params.format)) throw new AppError("NOT_FOUND", "There is no such export.");
  const data = await exportCohortProgress(actor, cohortId);
  const filename = `${data.cohort.name} progress.${params.format}`;
  if (params.format === "csv") return { body: progressCsv(data), contentType: "text/csv; charset=utf-8", filename };
  return { body: JSON.stringify(data, null, 2) + "\n", contentType: "application/json; charset=utf-8", filename };
});
