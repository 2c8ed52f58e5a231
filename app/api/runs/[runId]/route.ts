import { getRunDetail } from "@/lib/data/runs";
import { jsonRoute } from "@/lib/data/json-route";
import { AppError } from "@/lib/errors";
import { tryDecodeSegment } from "@/lib/validations/route-params";

// Everything one run saw: per-object outcomes and diffs, or per-check results with their evidence.
export const GET = jsonRoute<{ runId: string }>((actor, params) => {
  const runId = tryDecodeSegment(params.runId);
  if (!runId) throw new AppError("NOT_FOUND", "There is no such run.");
  return getRunDetail(actor, runId);
});
