import { describe, expect, it } from "vitest";
import { isControlledBy } from "@/lib/k8s/pods";
import { ok } from "@/lib/k8s/result";
import type { Deployment, ReplicaSet } from "@/lib/k8s/types";
import { REGISTRY, courseCheck, evidenceOf, fixture, forbidden, items, variant } from "./__fixtures__/recorded";
import { rolloutComplete, rolloutHistory } from "./rollout";

const V1 = `${REGISTRY}/ecommerce-backend:v1.0.0`;
const V2 = `${REGISTRY}/ecommerce-backend:v2.0.0`;

/** What history() fetches: the deployment and the ReplicaSets it controls. */
function history(stage: "rollout-v2" | "rollout-undone", change?: (d: Deployment) => void) {
  const d = fixture<Deployment>(`${stage}-deployment`);
  const deployment = change ? variant(d, change) : d;
  return { deployment: ok(deployment), sets: ok(items<ReplicaSet>(`${stage}-replicasets`).filter((rs) => isControlledBy(rs, d))) };
}
const day03 = () => {
  const d = items<Deployment>("day03-deployments").find((x) => x.metadata?.name === "ecommerce-backend-deployment")!;
  return { deployment: ok(d), sets: ok(items<ReplicaSet>("day03-replicasets").filter((rs) => isControlledBy(rs, d))) };
};

const updated = courseCheck("rolloutComplete", "d06-s1", "update-rolled-out");
const restored = courseCheck("rolloutComplete", "d06-s1", "rollout-complete");
const rolledBack = courseCheck("rolloutHistory", "d06-s1", "rolled-back");

describe("rolloutComplete", () => {
  it("compares with the team's images, registry included", () => {
    expect(updated.image).toBe(V2);
    expect(restored.image).toBe(V1);
  });

  it("passes once v2.0.0 is rolled out, with the revisions and their images", () => {
    const v = rolloutComplete.evaluate(history("rollout-v2"), updated);
    expect(v).toMatchObject({ status: "pass", actual: 'deployment "ecommerce-backend-deployment" successfully rolled out' });
    expect(evidenceOf(v, "kubectl rollout history (with images)")).toMatch(new RegExp(`^REVISION\\s+IMAGE\\s+READY\\n1\\s+${V1}\\s+0/0\\n2\\s+${V2}\\s+3/3$`));
  });

  it("fails before the update (Day 3's image) and after the rollback, naming the image that runs", () => {
    expect(rolloutComplete.evaluate(day03(), updated)).toMatchObject({ status: "fail", actual: `ecommerce-backend runs ${V1}` });
    expect(rolloutComplete.evaluate(history("rollout-undone"), updated)).toMatchObject({ status: "fail", actual: `ecommerce-backend runs ${V1}` });
  });

  it("passes when the previous image is back and rolled out, fails while v2.0.0 still runs", () => {
    expect(rolloutComplete.evaluate(history("rollout-undone"), restored).status).toBe("pass");
    expect(rolloutComplete.evaluate(history("rollout-v2"), restored)).toMatchObject({ status: "fail", actual: `ecommerce-backend runs ${V2}` });
  });

  it("fails while the rollout is under way, with kubectl's message", () => {
    const v = rolloutComplete.evaluate(history("rollout-v2", (d) => void (d.status!.availableReplicas = 1)), updated);
    expect(v).toMatchObject({ status: "fail", actual: 'Waiting for deployment "ecommerce-backend-deployment" rollout to finish: 1 of 3 updated replicas are available...' });
  });

  it("fails, without waiting, when the deployment does not exist; is an error when it may not be read", () => {
    expect(rolloutComplete.evaluate({ deployment: ok(undefined), sets: ok([]) }, updated)).toMatchObject({ status: "fail", final: true });
    expect(rolloutComplete.evaluate({ deployment: forbidden(), sets: ok([]) }, updated).status).toBe("error");
  });
});

describe("rolloutHistory", () => {
  it("passes once the rollback revision follows the v2.0.0 one (rollout undo moves revision 1 to 3)", () => {
    expect(rolledBack.sequence).toEqual([V2, V1]);
    const v = rolloutHistory.evaluate(history("rollout-undone"), rolledBack);
    expect(v).toMatchObject({ status: "pass", actual: `${V2} → ${V1}, rolled out` });
    expect(evidenceOf(v, "kubectl rollout history (with images)")).toMatch(new RegExp(`^REVISION\\s+IMAGE\\s+READY\\n2\\s+${V2}\\s+0/0\\n3\\s+${V1}\\s+3/3$`));
  });

  it("fails after the update alone: the history ends with v2.0.0", () => {
    const v = rolloutHistory.evaluate(history("rollout-v2"), rolledBack);
    expect(v).toMatchObject({ status: "fail", actual: `history ends ${V1} → ${V2}; running ${V2}` });
  });

  it("fails on Day 3's single revision", () => {
    expect(rolloutHistory.evaluate(day03(), rolledBack)).toMatchObject({ status: "fail", actual: `history ends ${V1}; running ${V1}` });
  });

  it("fails while the rollback is still rolling out", () => {
    const v = rolloutHistory.evaluate(history("rollout-undone", (d) => void (d.status!.updatedReplicas = 2)), rolledBack);
    expect(v).toMatchObject({ status: "fail", actual: 'Waiting for deployment "ecommerce-backend-deployment" rollout to finish: 2 out of 3 new replicas have been updated...' });
  });

  it("is an error when ReplicaSets may not be listed", () => {
    expect(rolloutHistory.evaluate({ deployment: history("rollout-undone").deployment, sets: forbidden() }, rolledBack).status).toBe("error");
  });
});
