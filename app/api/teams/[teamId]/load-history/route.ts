import { getTeamLoadHistory } from "@/lib/data/load-tests";
import { jsonRoute } from "@/lib/data/json-route";
import { AppError } from "@/lib/errors";
import { tryDecodeSegment } from "@/lib/validations/route-params";

// The team's finished performance tests, summarized, for comparing a run with the earlier ones.
export const GET = jsonRoute<{ teamId: string }>((actor, params) => {
  const teamId = tryDecodeSegment(params.teamId);
  if (!teamId) throw new AppError("NOT_FOUND", "No such team.");
  return getTeamLoadHistory(actor, teamId);
});
