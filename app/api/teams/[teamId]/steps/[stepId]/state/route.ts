import { getStepLiveState } from "@/lib/data/step-state";
import { jsonRoute } from "@/lib/data/json-route";
import { AppError } from "@/lib/errors";
import { tryDecodeSegment } from "@/lib/validations/route-params";

// A team's state for one step (status, who set it, blocked, the note's version), for the open step page to poll.
export const GET = jsonRoute<{ teamId: string; stepId: string }>((actor, params) => {
  const teamId = tryDecodeSegment(params.teamId);
  const stepId = tryDecodeSegment(params.stepId);
  if (!teamId || !stepId) throw new AppError("NOT_FOUND", "No such step.");
  return getStepLiveState(actor, teamId, stepId);
});
