import { getStepEngine } from "@/lib/data/runs";
import { jsonRoute } from "@/lib/data/json-route";
import { AppError } from "@/lib/errors";
import { tryDecodeSegment } from "@/lib/validations/route-params";

// The step's engine state for the page to poll: status, gate, the active run and its progress, recent runs.
export const GET = jsonRoute<{ teamId: string; stepId: string }>((actor, params) => {
  const teamId = tryDecodeSegment(params.teamId);
  const stepId = tryDecodeSegment(params.stepId);
  if (!teamId || !stepId) throw new AppError("NOT_FOUND", "No such step.");
  return getStepEngine(actor, teamId, stepId);
});
