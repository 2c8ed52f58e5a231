import "server-only";
import type { Actor } from "@/lib/auth/session";
import { preExecutionChecklist } from "@/lib/course/checklist";
import { loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { audited } from "@/lib/audit/append";
import { authorizeTeam } from "./access";

export type ChecklistTick = { checkedBy: string; checkedAt: Date };

/** Which pre-execution checklist items the team has ticked, by whom and when. */
export async function getTeamChecklist(actor: Actor, teamId: string): Promise<Map<string, ChecklistTick>> {
  await authorizeTeam(actor, "progress.read", teamId);
  // One join, not Prisma's include: that sends a second query for the names even when nothing is ticked.
  const rows = await (await getDb()).$queryRaw<{ itemKey: string; checkedAt: Date; checkedBy: string }[]>`
    SELECT k."itemKey", k."checkedAt", u."name" AS "checkedBy"
    FROM "TeamChecklistTick" k JOIN "User" u ON u."id" = k."checkedById"
    WHERE k."teamId" = ${teamId}`;
  return new Map(rows.map((r) => [r.itemKey, { checkedBy: r.checkedBy, checkedAt: new Date(r.checkedAt) }]));
}

/** Ticks or clears one item for the team; asking for the state it already has changes nothing. */
export async function setChecklistItem(actor: Actor, input: { teamId: string; itemKey: string; checked: boolean }): Promise<{ checked: boolean }> {
  await authorizeTeam(actor, "progress.write", input.teamId);
  if (!preExecutionChecklist(loadCourse()).some((i) => i.key === input.itemKey)) throw new AppError("NOT_FOUND", "That item is not on the pre-execution checklist.");
  const db = await getDb();
  const key = { teamId: input.teamId, itemKey: input.itemKey };
  await audited(db, (tx) => (input.checked ? tx.teamChecklistTick.createMany({ data: [{ ...key, checkedById: actor.id }], skipDuplicates: true }) : tx.teamChecklistTick.deleteMany({ where: key })),
    ({ count }) => (count ? { type: "checklist.changed", actorId: actor.id, teamId: input.teamId, subject: input.itemKey, data: { checked: input.checked } } : null));
  return { checked: input.checked };
}
