import "server-only";
import type { Actor } from "@/lib/auth/session";
import { preExecutionChecklist } from "@/lib/course/checklist";
import { loadCourse } from "@/lib/course/load";
import { getDb } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { authorizeTeam } from "./access";

export type ChecklistTick = { checkedBy: string; checkedAt: Date };

/** Which pre-execution checklist items the team has ticked, by whom and when. */
export async function getTeamChecklist(actor: Actor, teamId: string): Promise<Map<string, ChecklistTick>> {
  await authorizeTeam(actor, "progress.read", teamId);
  const rows = await (await getDb()).teamChecklistTick.findMany({ where: { teamId }, select: { itemKey: true, checkedAt: true, checkedBy: { select: { name: true } } } });
  return new Map(rows.map((r) => [r.itemKey, { checkedBy: r.checkedBy.name, checkedAt: r.checkedAt }]));
}

/** Ticks or clears one item for the team; asking for the state it already has changes nothing. */
export async function setChecklistItem(actor: Actor, input: { teamId: string; itemKey: string; checked: boolean }): Promise<{ checked: boolean }> {
  await authorizeTeam(actor, "progress.write", input.teamId);
  if (!preExecutionChecklist(loadCourse()).some((i) => i.key === input.itemKey)) throw new AppError("NOT_FOUND", "That item is not on the pre-execution checklist.");
  const db = await getDb();
  const key = { teamId: input.teamId, itemKey: input.itemKey };
  if (input.checked) {
    await db.teamChecklistTick.upsert({ where: { teamId_itemKey: key }, create: { ...key, checkedById: actor.id }, update: {} });
  } else {
    await db.teamChecklistTick.deleteMany({ where: key });
  }
  return { checked: input.checked };
}
