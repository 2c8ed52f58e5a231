import { getStepLoad } from "@/lib/data/load-tests";
import { jsonRoute } from "@/lib/data/json-route";
import { AppError } from "@/lib/errors";
import { tryDecodeSegment } from "@/lib/validations/route-params";

// The step's performance test for the page to poll: its parameters and its latest run, with the seconds the page lacks (?since=N).
export const GET = jsonRoute<{ teamId: string; stepId: string }>((actor, params, request) => {
  const teamId = tryDecodeSegment(params.teamId);
  const stepId = tryDecodeSegment(params.stepId);
  if (!teamId || !stepId) throw new AppError("NOT_FOUND", "No such step.");
  const since = Number(new URL(request.url).searchParams.get("since") ?? "0");
  if (!Number.isInteger(since) || since < 0 || since > 100_000) throw new AppError("INVALID", "since must be a whole number of seconds.");
  return getStepLoad(actor, teamId, stepId, since);
});
