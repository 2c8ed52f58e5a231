import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import type { Deployment } from "@/lib/k8s/types";
import { NS, courseCheck, deploymentPods, evidenceOf, forbidden, suiteCheck, variant } from "./__fixtures__/recorded";
import { deploymentAvailable } from "./deployment-available";

const backend = courseCheck("deploymentAvailable", "d03-s1", "backend-available");
const database = suiteCheck("deploymentAvailable", "smoke-tests", [], "database-available");

describe("deploymentAvailable", () => {
  it("passes for the Day 3 backend: Available, rolled out, with kubectl's tables", () => {
    const v = deploymentAvailable.evaluate(deploymentPods("day03-deployments", "day03-pods", "ecommerce-backend-deployment"), backend);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("3/3 available");
    expect(evidenceOf(v, "kubectl get deployment ecommerce-backend-deployment")).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\necommerce-backend-deployment\s+3\/3\s+3\s+3\s+\S+$/);
    expect(evidenceOf(v, "kubectl rollout status deployment/ecommerce-backend-deployment")).toBe('deployment "ecommerce-backend-deployment" successfully rolled out');
    expect(evidenceOf(v, "Pods").split("\n")).toHaveLength(4);
  });

  it("fails for the recorded database, whose pod stays Pending (its PVC has no StorageClass)", () => {
    const v = deploymentAvailable.evaluate(deploymentPods("day03-deployments", "day03-pods", "ecommerce-database-deployment"), database);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("not Available");
    expect(evidenceOf(v, "kubectl get deployment")).toMatch(/ecommerce-database-deployment\s+0\/1\s+1\s+0/);
    expect(evidenceOf(v, "Pods")).toMatch(/ecommerce-database-deployment-\S+\s+0\/1\s+Pending\s+0/);
  });

  it("fails while a rollout is still under way, with kubectl's rollout message", () => {
    const f = deploymentPods("day03-deployments", "day03-pods", "ecommerce-backend-deployment");
    const rolling = variant((f.deployment as { value: Deployment }).value, (d) => void (d.status!.updatedReplicas = 1));
    const v = deploymentAvailable.evaluate({ ...f, deployment: ok(rolling) }, backend);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe('Waiting for deployment "ecommerce-backend-deployment" rollout to finish: 1 out of 3 new replicas have been updated...');
  });

  it("fails for a deployment scaled to zero, which the controller still calls Available", () => {
    const f = deploymentPods("day03-deployments", "day03-pods", "ecommerce-backend-deployment");
    const zero = variant((f.deployment as { value: Deployment }).value, (d) => {
      d.spec!.replicas = 0;
      d.status = { ...d.status, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 };
    });
    const v = deploymentAvailable.evaluate({ deployment: ok(zero), pods: ok([]) }, backend);
    expect(v).toMatchObject({ status: "fail", actual: "scaled to zero replicas" });
  });

  it("with minReady, fails when fewer pods are Ready", () => {
    const v = deploymentAvailable.evaluate(deploymentPods("day03-deployments", "day03-pods", "ecommerce-frontend-deployment"), { ...backend, name: "ecommerce-frontend-deployment", minReady: 3 });
    expect(v).toMatchObject({ status: "fail", actual: "only 2 ready pods" });
  });

  it("fails, without waiting, when the deployment does not exist (Day 16 names the release's objects)", () => {
    const v = deploymentAvailable.evaluate(deploymentPods("day03-deployments", "day03-pods", "ecommerce-prod-backend"), courseCheck("deploymentAvailable", "d16-s1", "backend-available"));
    expect(v).toMatchObject({ status: "fail", final: true, actual: `deployment ecommerce-prod-backend not found in ${NS}` });
    expect(evidenceOf(v, "kubectl get deployment ecommerce-prod-backend")).toBe('Error from server (NotFound): deployments.apps "ecommerce-prod-backend" not found');
  });

  it("is an error when deployments may not be read", () => {
    expect(deploymentAvailable.evaluate({ deployment: forbidden(), pods: ok([]) }, backend).status).toBe("error");
  });

  it("with minReady, is an error (not 'only 0 ready pods') when the pods may not be listed", () => {
    const f = deploymentPods("day03-deployments", "day03-pods", "ecommerce-backend-deployment");
    const v = deploymentAvailable.evaluate({ ...f, pods: forbidden() }, { ...backend, minReady: 2 });
    expect(v.status).toBe("error");
    expect(v.actual).toMatch(/^Could not read pods: /);
  });
});
