import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { failure, ok } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { NS, courseCheck, evidenceOf, failureOf, forbidden, variant } from "./__fixtures__/recorded";
import { vpaExists } from "./vpa-exists";

const check = courseCheck("vpaExists", "d14-s2", "vpa-recommending");
// The VPA CRD cannot be installed on the shared control plane, so this is the course's manifest with the status
// the VPA recommender writes (its shape and example values from kubernetes/autoscaler's vertical-pod-autoscaler README).
const manifest = yaml.load(fs.readFileSync(path.resolve(import.meta.dirname, "../../../course/k8s-manifests/12-vertical-pod-autoscaler.yaml"), "utf8")) as KubeObject;
const recommending = {
  ...manifest,
  metadata: { ...manifest.metadata, namespace: NS },
  status: {
    conditions: [{ type: "RecommendationProvided", status: "True", lastTransitionTime: "2026-12-01T10:02:00Z" }],
    recommendation: { containerRecommendations: [{ containerName: "ecommerce-backend", lowerBound: { cpu: "100m", memory: "262144k" }, target: { cpu: "100m", memory: "262144k" }, upperBound: { cpu: "1", memory: "1Gi" } }] },
  },
};
// What lib/k8s makes of the recorded 404 for autoscaling.k8s.io/v1 (vpa-list-404.json) when resolving the kind.
const notServed = failure("unsupported", "The cluster does not serve autoscaling.k8s.io/v1 (is the CRD or API installed?).", { status: 404 });

describe("vpaExists", () => {
  it("is inconclusive when VPA is not installed", () => {
    expect(failureOf("vpa-list-404")).toMatchObject({ kind: "notFound", status: 404 });
    const v = vpaExists.evaluate(notServed, check);
    expect(v).toMatchObject({ status: "inconclusive", actual: "VPA is not installed on this cluster (the autoscaling.k8s.io/v1 API is not served)" });
    expect(evidenceOf(v, "kubectl get vpa")).toBe('error: the server doesn\'t have a resource type "vpa"');
  });

  it("passes when the recommender provides a recommendation, shown like kubectl describe vpa", () => {
    const v = vpaExists.evaluate(ok(recommending), check);
    expect(v).toMatchObject({ status: "pass", actual: "recommends for ecommerce-backend" });
    expect(evidenceOf(v, "kubectl describe vpa ecommerce-backend-vpa")).toMatch(/^RecommendationProvided=True \n\nCONTAINER\s+LOWER\s+TARGET\s+UPPER\necommerce-backend\s+\{"cpu":"100m","memory":"262144k"\}/);
  });

  it("fails when the VPA matches no pods, and while the recommendation is pending", () => {
    const noPods = variant(recommending, (x) => void (x.status = { conditions: [{ type: "NoPodsMatched", status: "True", lastTransitionTime: "2026-12-01T10:02:00Z" }], recommendation: { containerRecommendations: [] } }));
    expect(vpaExists.evaluate(ok(noPods), check)).toMatchObject({ status: "fail", actual: "the VPA matches no pods (check targetRef)" });
    const pending = variant(recommending, (x) => void (x.status = { conditions: [{ type: "RecommendationProvided", status: "False", lastTransitionTime: "2026-12-01T10:02:00Z" }], recommendation: { containerRecommendations: [] } }));
    expect(vpaExists.evaluate(ok(pending), check)).toMatchObject({ status: "fail", actual: "waiting for a VPA recommendation" });
  });

  it("is inconclusive when no recommender ever wrote a status (the CRD without the recommender)", () => {
    const v = vpaExists.evaluate(ok(manifest), check);
    expect(v.status).toBe("inconclusive");
    expect(v.actual).toMatch(/the VPA recommender is not running/);
  });

  it("without requireRecommendation, existing is enough", () => {
    expect(vpaExists.evaluate(ok(manifest), { ...check, requireRecommendation: undefined })).toMatchObject({ status: "pass", actual: "exists" });
  });

  it("fails, without waiting, when the VPA does not exist; is an error when it may not be read", () => {
    expect(vpaExists.evaluate(ok(undefined), check)).toMatchObject({ status: "fail", final: true });
    expect(vpaExists.evaluate(forbidden(), check).status).toBe("error");
  });
});
