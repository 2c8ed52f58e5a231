import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import type { Pod } from "@/lib/k8s/types";
import { courseCheck, deploymentPods, evidenceOf, forbidden, variant } from "./__fixtures__/recorded";
import { podContainers } from "./pod-containers";

const sidecar = courseCheck("podContainers", "d08-s1", "sidecar-present");
const initDb = courseCheck("podContainers", "d08-s2", "init-db-completed");
const day03 = () => deploymentPods("day03-deployments", "day03-pods", "ecommerce-backend-deployment");
const day08Sidecar = () => deploymentPods("day08-sidecar-deployment", "day08-sidecar-pods", "ecommerce-backend-deployment");
const day08Init = () => deploymentPods("day08-init-deployment", "day08-init-pods", "ecommerce-backend-deployment");

describe("podContainers", () => {
  it("passes when every ready backend pod runs the sidecar (Day 8.1)", () => {
    const v = podContainers.evaluate(day08Sidecar(), sidecar);
    expect(v).toMatchObject({ status: "pass", actual: "3 ready pods, all as expected" });
    expect(evidenceOf(v, "Containers of ready pods")).toMatch(/^POD\s+INIT CONTAINERS\s+CONTAINERS\necommerce-backend-deployment-\S+\s+-\s+ecommerce-backend sidecar$/m);
  });

  it("fails for the Day 3 pods, which have no sidecar", () => {
    const f = day03();
    const v = podContainers.evaluate(f, sidecar);
    expect(v.status).toBe("fail");
    expect(v.actual).toMatch(/^ecommerce-backend-deployment-\S+ has no container sidecar; /);
  });

  it("passes when init-db terminated with exit code 0 in every ready pod (Day 8.2)", () => {
    const v = podContainers.evaluate(day08Init(), initDb);
    expect(v.status).toBe("pass");
    expect(evidenceOf(v, "Containers of ready pods")).toMatch(/init-db\(Completed\)\s+ecommerce-backend sidecar/);
  });

  it("fails for pods without the init container (before Day 8.2 is applied)", () => {
    const v = podContainers.evaluate(day08Sidecar(), initDb);
    expect(v.status).toBe("fail");
    expect(v.actual).toMatch(/^ecommerce-backend-deployment-\S+: init container init-db has not completed/);
  });

  it("fails when an init container exited non-zero, and when no pod is ready (still waiting for the database)", () => {
    const f = day08Init();
    const pods = (f.pods as { value: Pod[] }).value;
    const crashed = pods.map((p) => variant(p, (x) => void (x.status!.initContainerStatuses![0]!.state = { terminated: { exitCode: 1, reason: "Error" } })));
    expect(podContainers.evaluate({ ...f, pods: ok(crashed) }, initDb).status).toBe("fail");
    const waiting = pods.map((p) =>
      variant(p, (x) => {
        x.status!.phase = "Pending";
        x.status!.conditions!.find((c) => c.type === "Ready")!.status = "False";
        x.status!.initContainerStatuses![0]!.state = { running: { startedAt: "2026-12-01T09:49:14Z" } };
      }),
    );
    expect(podContainers.evaluate({ ...f, pods: ok(waiting) }, initDb)).toMatchObject({ status: "fail", actual: "no ready pods of ecommerce-backend-deployment" });
  });

  it("fails, without waiting, when the deployment does not exist", () => {
    expect(podContainers.evaluate({ deployment: ok(undefined), pods: ok([]) }, sidecar)).toMatchObject({ status: "fail", final: true });
  });

  it("is an error when pods may not be listed", () => {
    expect(podContainers.evaluate({ ...day03(), pods: forbidden() }, sidecar).status).toBe("error");
  });
});
