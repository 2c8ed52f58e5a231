import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import type { Node } from "@/lib/k8s/types";
import type { Check } from "./registry";
import { runChecks } from "./run-checks";
import type { SuitesFile } from "./suites";
import type { ClusterReads } from "./types";

const node = (name: string, ready: boolean): Node => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name },
  status: { conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
});

/** Nodes become Ready on the `readyAfter`-th fresh read; the run's first read sees them NotReady. */
function settlingCluster(readyAfter: number) {
  let reads = 0;
  const make = (): ClusterReads =>
    ({
      team: { namespace: "ecommerce", images: {}, urls: {} },
      list: async () => ok([node("n1", reads >= readyAfter)]),
      fresh: () => {
        reads += 1;
        return make();
      },
    }) as unknown as ClusterReads;
  return { reads: make(), freshReads: () => reads };
}

const suites: SuitesFile = {
  version: 1,
  flags: {},
  suites: [{ id: "health", script: "health-check.sh", description: "health", flags: [], checks: [{ id: "nodes", kind: "nodesReady", minNodes: 1 }] }],
};

const suiteCheck = (settle?: number) =>
  ({ id: "health-check", title: "health", kind: "validationSuite", suite: "health", args: [], ...(settle ? { settle: { timeoutSeconds: settle } } : {}) }) as unknown as Check;

describe("runChecks", () => {
  it("a suite without a settle window reports what it first saw", async () => {
    const cluster = settlingCluster(1);
    const [result] = await runChecks(cluster.reads, [suiteCheck()], { suites });
    expect(result?.status).toBe("fail");
    expect(cluster.freshReads()).toBe(0);
  });

  it("a suite's settle window lets each of its checks wait for the cluster", async () => {
    const cluster = settlingCluster(1);
    const [result] = await runChecks(cluster.reads, [suiteCheck(10)], { suites, settleScale: 0.5 });
    expect(result?.status).toBe("pass");
    expect(result?.children?.[0]?.settle?.settled).toBe(true);
    expect(result?.children?.[0]?.settle?.attempts.map((a) => a.status)).toEqual(["fail", "pass"]);
  });

  it("a check that never settles fails with every attempt recorded", async () => {
    const cluster = settlingCluster(Number.POSITIVE_INFINITY);
    const [result] = await runChecks(cluster.reads, [{ id: "n", title: "nodes", kind: "nodesReady", minNodes: 1, settle: { timeoutSeconds: 5 } } as unknown as Check], { settleScale: 0.5 });
    expect(result?.status).toBe("fail");
    expect(result?.settle?.settled).toBe(false);
    expect(result?.settle?.attempts.length).toBeGreaterThan(1);
  });
});
