import { AppError } from "@/lib/errors";
import { fileRoute } from "@/lib/reports/file-route";
import { exportSignoffRecord } from "@/lib/signoff/data";
import { tryDecodeSegment } from "@/lib/validations/route-params";

// The team's sign-off record with the evidence each hash covers, so anyone holding it can check the hashes.
export const GET = fileRoute<{ teamId: string }>(async (actor, params) => {
  const teamId = tryDecodeSegment(params.teamId);
  if (!teamId) throw new AppError("NOT_FOUND", "There is no such team.");
  const record = await exportSignoffRecord(actor, teamId);
  return { body: JSON.stringify(record, null, 2) + "\n", contentType: "application/json; charset=utf-8", filename: `${record.team.name} sign-off record.json` };
});
