import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import type { Deployment } from "@/lib/k8s/types";
import { REGISTRY, courseCheck, evidenceOf, fixture, forbidden } from "./__fixtures__/recorded";
import { deploymentImage } from "./deployment-image";

// The course has no deploymentImage check today; this one asks what Day 6 rolls out, in the team's registry.
const update = courseCheck("rolloutComplete", "d06-s1", "update-rolled-out");
const check = { id: "backend-image", title: "backend runs v2.0.0", kind: "deploymentImage" as const, namespace: update.namespace, deployment: update.deployment, container: update.container, image: update.image! };

describe("deploymentImage", () => {
  it("passes when the container runs the image, listing every container's image", () => {
    const v = deploymentImage.evaluate(ok(fixture<Deployment>("rollout-v2-deployment")), check);
    expect(v).toMatchObject({ status: "pass", actual: `ecommerce-backend=${REGISTRY}/ecommerce-backend:v2.0.0` });
    expect(evidenceOf(v, "kubectl get deployment ecommerce-backend-deployment -o jsonpath='{..image}'")).toBe(`ecommerce-backend=${REGISTRY}/ecommerce-backend:v2.0.0`);
  });

  it("fails after the rollback, naming what runs", () => {
    const v = deploymentImage.evaluate(ok(fixture<Deployment>("rollout-undone-deployment")), check);
    expect(v).toMatchObject({ status: "fail", actual: `ecommerce-backend=${REGISTRY}/ecommerce-backend:v1.0.0` });
  });

  it("fails for a container the deployment does not have", () => {
    expect(deploymentImage.evaluate(ok(fixture<Deployment>("rollout-v2-deployment")), { ...check, container: "sidecar" })).toMatchObject({ status: "fail", actual: "sidecar=(no such container)" });
  });

  it("fails, without waiting, when the deployment does not exist; is an error when it may not be read", () => {
    expect(deploymentImage.evaluate(ok(undefined), check)).toMatchObject({ status: "fail", final: true });
    expect(deploymentImage.evaluate(forbidden(), check).status).toBe("error");
  });
});
