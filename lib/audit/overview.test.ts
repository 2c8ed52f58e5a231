import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ChainStatus } from "@/components/reports/audit-view";
import type { Actor } from "@/lib/auth/actor";
import { setStepStatus } from "@/lib/data/progress";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { getAuditOverview } from "./overview";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ").trim();

// What the instructor's audit page shows, from the data function it renders.
describe.each(TEST_BACKENDS)("the audit page's overview on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  let alice: Actor, ines: Actor, sam: Actor, cohortId: string;
  beforeAll(async () => {
    alice = await actorFor(demo.client, "alice@daybook.local");
    ines = await actorFor(demo.client, "instructor@daybook.local");
    sam = await actorFor(demo.client, "stakeholder@daybook.local");
    cohortId = (await demo.client.team.findUniqueOrThrow({ where: { id: demo.atlas } })).cohortId;
    for (const [stepId, status] of [["d01-s1", "IN_PROGRESS"], ["d01-s1", "DONE_MANUAL"], ["d01-s2", "IN_PROGRESS"]] as const) {
      await setStepStatus(alice, { teamId: demo.atlas, stepId, status });
    }
  });

  it("is for instructors only, and lists events only of a cohort they teach", async () => {
    await expect(getAuditOverview(alice, cohortId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getAuditOverview(sam, cohortId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await demo.client.user.create({ data: { email: "other-instructor@daybook.local", name: "Otto Other", role: "INSTRUCTOR", passwordHash: "x" } });
    const otto = await actorFor(demo.client, other.email);
    expect((await getAuditOverview(otto, cohortId)).events).toBeNull();
  });

  it("verifies the chain and lists the cohort's latest events", async () => {
    const { report, events } = await getAuditOverview(ines, cohortId);
    expect(report).toMatchObject({ ok: true, events: 3 });
    expect(events!.map((e) => [e.seq, e.type, e.actor, e.team, e.subject])).toEqual([
      [3, "step.status", "Alice Atlas", "Team Atlas", "d01-s2"],
      [2, "step.status", "Alice Atlas", "Team Atlas", "d01-s1"],
      [1, "step.status", "Alice Atlas", "Team Atlas", "d01-s1"],
    ]);
    expect(text(renderToStaticMarkup(createElement(ChainStatus, { report })))).toContain("✓ The audit chain verifies: 3 events");
  });

  it("names the first broken link once a row is changed in the database", async () => {
    // As a superuser would: switch the append-only trigger off, edit, switch it back on.
    await demo.client.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    await demo.client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "data" = '{"from":"NOT_STARTED","to":"DONE_MANUAL"}' WHERE "seq" = 2`);
    await demo.client.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
    const { report } = await getAuditOverview(ines, cohortId);
    expect(report).toMatchObject({ ok: false, events: 1, broken: { seq: 2, kind: "changed" } });
    const shown = text(renderToStaticMarkup(createElement(ChainStatus, { report })));
    expect(shown).toContain("✗ The audit chain is broken at event #2 (changed).");
    expect(shown).toMatch(/Event #2 \(step\.status, [^)]+\) was changed: its content no longer matches its hash [0-9a-f]{12}…/);
    expect(shown).toContain("1 events before it verified.");
  });
});
