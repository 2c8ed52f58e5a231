import { getBatchProgress } from "@/lib/data/runs";
import { jsonRoute } from "@/lib/data/json-route";
import { AppError } from "@/lib/errors";
import { tryDecodeSegment } from "@/lib/validations/route-params";

// How far one re-verify all has come ("23 of 31 steps"), for the Cluster page to poll while it runs.
export const GET = jsonRoute<{ teamId: string; batchId: string }>((actor, params) => {
  const teamId = tryDecodeSegment(params.teamId);
  const batchId = tryDecodeSegment(params.batchId);
  if (!teamId || !batchId) throw new AppError("NOT_FOUND", "There is no such re-verification.");
  return getBatchProgress(actor, teamId, batchId);
});
