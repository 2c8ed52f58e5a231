import { describe, expect, it } from "vitest";
import { explainApplyError } from "./explain-apply-error";

const VPA_MISSING = "VPA is not installed on this cluster (CRD verticalpodautoscalers.autoscaling.k8s.io missing)";

describe("explainApplyError: VPA CRD missing", () => {
  it("explains the error recorded from the test control plane (KubernetesObjectApi.patch, discovery 404)", () => {
    // code, body and first message line recorded by tests/integration/course-pack/pack.test.ts against
    // kube-apiserver v1.36.3; the following lines are ApiException's fixed format:
    // {"code":404,"body":"404 page not found\n","message":"Failed to fetch resource metadata for autoscaling.k8s.io/v1/VerticalPodAutoscaler: HTTP-Code: 404"}
    const recorded = Object.assign(
      new Error(
        'Failed to fetch resource metadata for autoscaling.k8s.io/v1/VerticalPodAutoscaler: HTTP-Code: 404\nMessage: Unsuccessful HTTP Request\nBody: "404 page not found\\n"\nHeaders: {"content-type":"text/plain; charset=utf-8"}',
      ),
      { code: 404, body: "404 page not found\n" },
    );
    expect(explainApplyError(recorded)).toBe(VPA_MISSING);
  });
  it("explains the group-present-kind-missing discovery error", () => {
    expect(explainApplyError(new Error("Unrecognized API version and kind: autoscaling.k8s.io/v1 VerticalPodAutoscaler"))).toBe(VPA_MISSING);
  });
  it("explains kubectl's wording", () => {
    const kubectl = 'resource mapping not found for name: "ecommerce-backend-vpa" namespace: "ecommerce" from "k8s-manifests/12-vertical-pod-autoscaler.yaml": no matches for kind "VerticalPodAutoscaler" in version "autoscaling.k8s.io/v1"';
    expect(explainApplyError(new Error(kubectl))).toBe(VPA_MISSING);
  });
  it("explains a NotFound Status naming the group (direct REST call)", () => {
    const body = JSON.stringify({ kind: "Status", status: "Failure", reason: "NotFound", code: 404, message: "the server could not find the requested resource", details: { group: "autoscaling.k8s.io", kind: "verticalpodautoscalers" } });
    expect(explainApplyError({ code: 404, body })).toBe(VPA_MISSING);
  });
  it("does not blame the VPA for other 404s", () => {
    const body = JSON.stringify({ kind: "Status", reason: "NotFound", code: 404, message: 'namespaces "ecommerce" not found', details: { name: "ecommerce", kind: "namespaces" } });
    expect(explainApplyError({ code: 404, body })).toBe("Namespace ecommerce does not exist yet: apply k8s-manifests/01-namespace.yaml first");
  });
});
