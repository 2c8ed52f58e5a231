import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import type { Deployment } from "@/lib/k8s/types";
import { courseCheck, evidenceOf, fixture, forbidden, variant } from "./__fixtures__/recorded";
import { probesConfigured } from "./probes-configured";

const check = courseCheck("probesConfigured", "d06-s2", "probes-configured");
const deployment = fixture<Deployment>("day08-init-deployment");

describe("probesConfigured", () => {
  it("passes when the container has both probes, described like kubectl describe", () => {
    const v = probesConfigured.evaluate(ok(deployment), check);
    expect(v).toMatchObject({ status: "pass", actual: "liveness and readiness configured" });
    expect(evidenceOf(v, "kubectl describe deployment ecommerce-backend-deployment (container ecommerce-backend)")).toBe("Liveness:   http-get :http/health delay=0s period=10s #failure=3\nReadiness:  http-get :http/health delay=0s period=5s #failure=3");
  });

  it("fails naming the probe that is missing", () => {
    const noLiveness = variant(deployment, (d) => void delete d.spec!.template.spec!.containers[0]!.livenessProbe);
    const v = probesConfigured.evaluate(ok(noLiveness), check);
    expect(v).toMatchObject({ status: "fail", actual: "no liveness probe" });
    expect(evidenceOf(v, "kubectl describe deployment")).toMatch(/^Liveness:   <none>/);
  });

  it("fails when the container is not in the deployment", () => {
    expect(probesConfigured.evaluate(ok(deployment), { ...check, container: "api" })).toMatchObject({ status: "fail", actual: "no container api" });
  });

  it("fails, without waiting, when the deployment does not exist; is an error when it may not be read", () => {
    expect(probesConfigured.evaluate(ok(undefined), check)).toMatchObject({ status: "fail", final: true });
    expect(probesConfigured.evaluate(forbidden(), check).status).toBe("error");
  });
});

describe("probesConfigured with one probe asked for", () => {
  it("says which probe it found, not 'both'", () => {
    const readinessOnly = { ...check, liveness: false };
    const noLiveness = variant(deployment, (d) => void delete d.spec!.template.spec!.containers[0]!.livenessProbe);
    const v = probesConfigured.evaluate(ok(noLiveness), readinessOnly);
    expect(v).toMatchObject({ status: "pass", expected: "container ecommerce-backend of ecommerce-backend-deployment has readiness probes", actual: "readiness configured" });
  });
});
