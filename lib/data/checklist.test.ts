import { describe, expect, it } from "vitest";
import { preExecutionChecklist } from "@/lib/course/checklist";
import { loadCourse } from "@/lib/course/load";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { getTeamChecklist, setChecklistItem } from "./checklist";

describe.each(TEST_BACKENDS)("the team's pre-execution checklist on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  const [first, second] = preExecutionChecklist(loadCourse());

  it("is shared by the team, idempotent, and read-only for the instructor", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const amir = await actorFor(demo.client, "amir@daybook.local");
    await setChecklistItem(alice, { teamId: demo.atlas, itemKey: first!.key, checked: true });
    await setChecklistItem(amir, { teamId: demo.atlas, itemKey: first!.key, checked: true });
    await setChecklistItem(amir, { teamId: demo.atlas, itemKey: second!.key, checked: true });
    await setChecklistItem(amir, { teamId: demo.atlas, itemKey: second!.key, checked: false });
    const ticks = await getTeamChecklist(amir, demo.atlas);
    expect([...ticks.keys()]).toEqual([first!.key]);
    expect(ticks.get(first!.key)?.checkedBy).toBe("Alice Atlas");

    const instructor = await actorFor(demo.client, "instructor@daybook.local");
    expect((await getTeamChecklist(instructor, demo.atlas)).size).toBe(1);
    await expect(setChecklistItem(instructor, { teamId: demo.atlas, itemKey: second!.key, checked: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses other teams and items that are not on the list", async () => {
    const bea = await actorFor(demo.client, "bea@daybook.local");
    await expect(setChecklistItem(bea, { teamId: demo.atlas, itemKey: first!.key, checked: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getTeamChecklist(bea, demo.atlas)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setChecklistItem(bea, { teamId: demo.borealis, itemKey: "prerequisite:unicorns", checked: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
