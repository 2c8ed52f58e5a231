/**
 * `npm run course:test [step…]`: every automated step of the plan proven both ways on the real control plane,
 * through the engine (runs, verdicts and all), in one cumulative namespace, with an empty one for "before".
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectTeamCluster, updateClusterSettings } from "@/lib/data/clusters";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { deleteNamespace, testKubeconfigPath } from "../support/cluster";
import { breaksOf, doStep, judgeAfter, judgeBefore, stepsUnderTest, verify, type Phase } from "./self-test";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-course-test-"));
process.env.DAYBOOK_DATA_DIR = dataDir;
process.env.DAYBOOK_CLUSTER_RUN = path.dirname(testKubeconfigPath());
const suffix = Date.now().toString(36);
const work = `course-${suffix}`;
const empty = `course-empty-${suffix}`;
const demo = useSeededDatabase(TEST_BACKENDS[0]!);
const seen = new Map<string, Set<string>>();

describe("course:test: each step's checks fail before, pass after, and catch each break", () => {
  beforeAll(async () => {
    for (const [email, teamId, namespace] of [["alice@daybook.local", demo.atlas, work], ["bea@daybook.local", demo.borealis, empty]] as const) {
      const actor = await actorFor(demo.client, email);
      await connectTeamCluster(actor, { source: "local", teamId });
      await updateClusterSettings(actor, { teamId, namespace, registry: "", mirrorPublic: false, productionUrl: null, monitoringUrl: null });
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all([deleteNamespace(work), deleteNamespace(empty)].map((p) => p.catch(() => undefined)));
    fs.rmSync(dataDir, { recursive: true, force: true });
    const lines = [...seen].map(([kind, outcomes]) => `${kind}: ${[...outcomes].sort().join(", ")}`);
    console.log(`[course:test] outcomes seen per check kind\n  ${lines.sort().join("\n  ")}`);
  });

  for (const step of stepsUnderTest()) {
    it(`Step ${step.number} ${step.title}`, async () => {
      const record = (results: { kind: string; status: string }[]) => results.forEach((r) => (seen.get(r.kind) ?? seen.set(r.kind, new Set()).get(r.kind)!).add(r.status));
      const phases: Phase[] = [];
      const before = await verify(demo.borealis, step, 0);
      record(before);
      phases.push(judgeBefore(step, before));
      const problems = await doStep(demo.atlas, step);
      phases.push({ phase: "do the step", ok: problems.length === 0, detail: problems.join("; ") || "applied" });
      const after = await verify(demo.atlas, step);
      record(after);
      phases.push(judgeAfter(step, after));
      phases.push(...(await breaksOf(demo.atlas, step)));
      const report = phases.map((p) => `${p.ok ? "✓" : "✗"} ${p.phase}: ${p.detail}`).join("\n");
      console.log(`[course:test] Step ${step.number}\n${report}`);
      expect(phases.filter((p) => !p.ok), report).toEqual([]);
    }, 900_000);
  }
});
