import { describe, expect, it } from "vitest";
import { failureFromResponse } from "@/lib/k8s/errors";
import { ok } from "@/lib/k8s/result";
import type { Pod } from "@/lib/k8s/types";
import { parseQuantity } from "@/lib/pack/resources";
import { NS, courseCheck, evidenceOf, failureOf, fixture, forbidden, list } from "./__fixtures__/recorded";
import { metricsAvailable } from "./metrics-available";
import type { MetricsList } from "../types";

const metrics = (name: string) => ok(fixture<MetricsList>(name));
const pods = () => list<Pod>("metrics-pods-over-pods");
const withinLimits = courseCheck("metricsAvailable", "d07-s1", "usage-within-limits");
const nodeMetrics = courseCheck("metricsAvailable", "d10-s2", "node-metrics");
// The pod annotated with kwok.x-k8s.io/usage-cpu=750m when recording.
const over = fixture<MetricsList>("metrics-pods-over").items.find((i) => parseQuantity(i.containers?.[0]?.usage.cpu ?? "0") > 0.5)!.metadata.name;

describe("metricsAvailable", () => {
  it("passes when every pod's usage is within its limits, shown like kubectl top pods", () => {
    const v = metricsAvailable.evaluate({ metrics: metrics("metrics-pods"), pods: pods() }, withinLimits);
    expect(v).toMatchObject({ status: "pass", actual: "8 pods report usage within limits" });
    const top = evidenceOf(v, `kubectl top pods -n ${NS}`);
    expect(top.split("\n")[0]).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s+OF LIMIT$/);
    expect(top).toMatch(/ecommerce-frontend-deployment-\S+\s+1m\s+1Mi\s+0%/);
  });

  it("fails naming the pod above its limit (the frontend at 750m CPU against a 200m limit)", () => {
    const v = metricsAvailable.evaluate({ metrics: metrics("metrics-pods-over"), pods: pods() }, withinLimits);
    expect(v).toMatchObject({ status: "fail", actual: `over the limit: ${over} at 375%` });
    expect(evidenceOf(v, "kubectl top pods")).toMatch(new RegExp(`${over}\\s+750m\\s+300Mi\\s+375%`));
  });

  it("passes for nodes, shown like kubectl top nodes", () => {
    const v = metricsAvailable.evaluate({ metrics: metrics("metrics-nodes") }, nodeMetrics);
    expect(v).toMatchObject({ status: "pass", actual: "3 nodes report usage" });
    expect(evidenceOf(v, "kubectl top nodes")).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\nkwok-node-0\s+\d+m\s+\d+Mi\nkwok-node-1\s+\d+m\s+\d+Mi\nkwok-node-2\s+\d+m\s+\d+Mi$/);
  });

  it("fails while the metrics API has no samples yet", () => {
    expect(metricsAvailable.evaluate({ metrics: ok({ items: [] }) }, nodeMetrics)).toMatchObject({ status: "fail", actual: "metrics not available yet (no items)" });
  });

  it("is inconclusive when the metrics API is not served (the recorded 404) or not ready (503)", () => {
    const absent = metricsAvailable.evaluate({ metrics: failureOf("metrics-group-404") }, withinLimits);
    expect(absent).toMatchObject({ status: "inconclusive", actual: "The metrics API is not available: metrics-server is not installed or not ready." });
    expect(evidenceOf(absent, "kubectl top pods")).toBe("error: Metrics API not available");
    // kube-aggregator's answer while metrics-server is down.
    expect(metricsAvailable.evaluate({ metrics: failureFromResponse(503, "service unavailable\n") }, nodeMetrics).status).toBe("inconclusive");
  });

  it("is an error when the metrics API refuses Daybook", () => {
    expect(metricsAvailable.evaluate({ metrics: forbidden() }, nodeMetrics).status).toBe("error");
  });

  it("is an error, not a pass, when the pods (and so their limits) cannot be read", () => {
    const v = metricsAvailable.evaluate({ metrics: metrics("metrics-pods-over"), pods: forbidden() }, withinLimits);
    expect(v.status).toBe("error");
    expect(v.actual).toMatch(/^Could not read the pods' limits: pods is forbidden/);
  });
});
