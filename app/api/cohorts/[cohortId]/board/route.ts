import { getLiveBoard } from "@/lib/data/live-board";
import { jsonRoute } from "@/lib/data/json-route";
import { AppError } from "@/lib/errors";
import { tryDecodeSegment } from "@/lib/validations/route-params";

// The cohort board for the open page to poll: cells, stuck teams, pace and per-day completion.
export const GET = jsonRoute<{ cohortId: string }>((actor, params) => {
  const cohortId = tryDecodeSegment(params.cohortId);
  if (!cohortId) throw new AppError("NOT_FOUND", "No such cohort.");
  return getLiveBoard(actor, cohortId);
});
