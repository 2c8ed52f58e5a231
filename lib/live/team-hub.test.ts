import { describe, expect, it } from "vitest";
import { team } from "@/lib/checks/kinds/__fixtures__/recorded";
import { fakeCluster } from "./__fixtures__/fake-cluster";
import { liveReads, NotWatchable } from "./live-reads";
import { CRDS, MAX_WATCHES, TeamHub } from "./team-hub";

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("TeamHub", () => {
  it("opens at most MAX_WATCHES watches, so the connection keeps sockets for lists; a check past that is Verify's", async () => {
    const fake = fakeCluster();
    const hub = new TeamHub(fake.cluster);
    const refs = Array.from({ length: MAX_WATCHES + 1 }, (_, i) => ({ apiVersion: "v1", kind: `Kind${i}`, namespace: "ns" }));
    for (const ref of refs) hub.listen(ref, () => undefined);
    expect(hub.watchCount).toBe(MAX_WATCHES);
    expect(fake.started).toHaveLength(MAX_WATCHES);
    expect((await hub.objects(refs[0]!)).ok).toBe(true);
    const reads = liveReads(team, hub, () => undefined);
    await expect(reads.list("v1", `Kind${MAX_WATCHES}`, "ns")).rejects.toBeInstanceOf(NotWatchable);
    hub.close();
    await flush();
    expect(fake.openWatches()).toEqual([]);
  });

  it("reads discovery once, and again after a CustomResourceDefinition changes", async () => {
    const fake = fakeCluster();
    let reads = 0;
    const hub = new TeamHub({ ...fake.cluster, groupVersion: async () => (reads++, { ok: true, value: [] }) });
    hub.listen(CRDS, () => undefined);
    await flush();
    await hub.groupVersion("autoscaling.k8s.io/v1");
    await hub.groupVersion("autoscaling.k8s.io/v1");
    expect(reads).toBe(1);
    fake.change(CRDS, "ADDED", { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "verticalpodautoscalers.autoscaling.k8s.io" } });
    await hub.groupVersion("autoscaling.k8s.io/v1");
    expect(reads).toBe(2);
    hub.close();
  });
});
