import { describe, expect, it } from "vitest";
import type { ApiResource } from "@/lib/k8s/discovery";
import { failure, ok } from "@/lib/k8s/result";
import { courseCheck, evidenceOf, failureOf, forbidden } from "./__fixtures__/recorded";
import { crdInstalled } from "./crd-installed";

const check = courseCheck("crdInstalled", "d14-s2", "vpa-installed");

// The VPA CRD cannot be installed on the shared control plane (cluster-scoped). This is the resource list the
// API server serves for it, from the CRDs' names in kubernetes/autoscaler vertical-pod-autoscaler/deploy/vpa-v1-crd-gen.yaml.
const vpaServed: ApiResource[] = [
  { name: "verticalpodautoscalercheckpoints", kind: "VerticalPodAutoscalerCheckpoint", namespaced: true, verbs: ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"], groupVersion: "autoscaling.k8s.io/v1" },
  { name: "verticalpodautoscalers", kind: "VerticalPodAutoscaler", namespaced: true, verbs: ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"], groupVersion: "autoscaling.k8s.io/v1" },
  { name: "verticalpodautoscalers/status", kind: "VerticalPodAutoscaler", namespaced: true, verbs: ["get", "patch", "update"], groupVersion: "autoscaling.k8s.io/v1" },
];

describe("crdInstalled", () => {
  it("fails when the group is not served (the recorded 404), saying the CRD is not installed", () => {
    expect(failureOf("discovery-vpa-404")).toMatchObject({ kind: "notFound", status: 404, message: "404 page not found" });
    // lib/k8s/discovery turns that 404 into this failure.
    const notServed = failure("unsupported", "The cluster does not serve autoscaling.k8s.io/v1 (is the CRD or API installed?).", { status: 404 });
    const v = crdInstalled.evaluate(notServed, check);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("autoscaling.k8s.io/v1 is not served: the CRD is not installed");
    expect(evidenceOf(v, "kubectl api-resources --api-group=autoscaling.k8s.io")).toBe("No resources found");
  });

  it("passes when the group serves the resource, listing it without subresources", () => {
    const v = crdInstalled.evaluate(ok(vpaServed), check);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("verticalpodautoscalers is served");
    expect(evidenceOf(v, "kubectl api-resources")).toBe("verticalpodautoscalercheckpoints  VerticalPodAutoscalerCheckpoint\nverticalpodautoscalers  VerticalPodAutoscaler");
  });

  it("fails when the group is served without the resource", () => {
    const v = crdInstalled.evaluate(ok(vpaServed.slice(0, 1)), check);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("autoscaling.k8s.io/v1 is served, but not verticalpodautoscalers");
  });

  it("is an error when discovery is refused", () => {
    const v = crdInstalled.evaluate(forbidden(), check);
    expect(v.status).toBe("error");
    expect(v.actual).toMatch(/^pods is forbidden/);
  });
});
