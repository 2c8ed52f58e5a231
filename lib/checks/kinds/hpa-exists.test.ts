import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { BARE_NS, NS, courseCheck, evidenceOf, fixture, forbidden, variant } from "./__fixtures__/recorded";
import { hpaExists } from "./hpa-exists";

type Hpa = KubeObject & { spec: { minReplicas?: number }; status?: { conditions?: { type: string; status: string; reason?: string }[] } };
const active = fixture<Hpa>("hpa-active");
const configured = courseCheck("hpaExists", "d14-s1", "hpa-exists");
const scaling = courseCheck("hpaExists", "d14-s1", "hpa-active");

describe("hpaExists", () => {
  it("passes when the HPA has the course's bounds, shown like kubectl get hpa", () => {
    const v = hpaExists.evaluate(ok(active), configured);
    expect(v).toMatchObject({ status: "pass", actual: "configured as expected" });
    expect(evidenceOf(v, `kubectl get hpa ecommerce-backend-hpa -n ${NS}`)).toMatch(/^NAME\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\necommerce-backend-hpa\s+\d+%\/70%\s+3\s+10\s+3$/);
  });

  it("fails naming a bound that differs", () => {
    const v = hpaExists.evaluate(ok(variant(active, (h) => void (h.spec.minReplicas = 2))), configured);
    expect(v).toMatchObject({ status: "fail", actual: "minReplicas is 2" });
  });

  it("passes scalingActive when the controller computed replicas from CPU (recorded with metrics-server)", () => {
    const v = hpaExists.evaluate(ok(active), scaling);
    expect(v).toMatchObject({ status: "pass", actual: "scaling active" });
    expect(evidenceOf(v, "Conditions")).toContain("ScalingActive=True ValidMetricFound: the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)");
  });

  it("is inconclusive when the HPA cannot read metrics (recorded: FailedGetResourceMetric)", () => {
    const v = hpaExists.evaluate(ok(fixture<Hpa>("bare-hpa-no-requests")), { ...scaling, namespace: BARE_NS, name: "web" });
    expect(v.status).toBe("inconclusive");
    expect(v.actual).toBe("the HPA cannot read metrics (the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API): is metrics-server installed, and do the pods request CPU?");
    expect(evidenceOf(v, "kubectl get hpa web")).toMatch(/web\s+<unknown>\/70%\s+2\s+4\s+2/);
  });

  it("fails scalingActive before the controller has looked at the HPA, and when scaling is disabled", () => {
    expect(hpaExists.evaluate(ok(variant(active, (h) => void delete h.status)), scaling)).toMatchObject({ status: "fail", actual: "no ScalingActive condition yet" });
    const disabled = variant(active, (h) => void (h.status!.conditions![1] = { type: "ScalingActive", status: "False", reason: "ScalingDisabled" }));
    expect(hpaExists.evaluate(ok(disabled), scaling)).toMatchObject({ status: "fail", actual: "ScalingActive=False (ScalingDisabled)" });
  });

  it("fails, without waiting, when the HPA does not exist; is an error when it may not be read", () => {
    const v = hpaExists.evaluate(ok(undefined), configured);
    expect(v).toMatchObject({ status: "fail", final: true });
    expect(evidenceOf(v, "kubectl get hpa")).toBe('Error from server (NotFound): horizontalpodautoscalers.autoscaling "ecommerce-backend-hpa" not found');
    expect(hpaExists.evaluate(forbidden(), configured).status).toBe("error");
  });
});
