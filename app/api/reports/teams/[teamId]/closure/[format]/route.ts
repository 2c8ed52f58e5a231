import { AppError } from "@/lib/errors";
import { getClosureReport } from "@/lib/reports/data";
import { fileRoute } from "@/lib/reports/file-route";
import { closureMarkdown } from "@/lib/reports/markdown";
import { closurePdf } from "@/lib/reports/pdf";
import { tryDecodeSegment } from "@/lib/validations/route-params";

// Step 19.2's closure report of a team, as Markdown (md) or PDF (pdf).
export const GET = fileRoute<{ teamId: string; format: string }>(async (actor, params) => {
  const teamId = tryDecodeSegment(params.teamId);
  if (!teamId || !["md", "pdf"].includes(params.format)) throw new AppError("NOT_FOUND", "There is no such report.");
  const report = await getClosureReport(actor, teamId);
  const filename = `${report.team.name} closure report.${params.format}`;
  if (params.format === "md") return { body: closureMarkdown(report), contentType: "text/markdown; charset=utf-8", filename };
  return { body: await closurePdf(report), contentType: "application/pdf", filename };
});
