import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { listObjects, getObject } from "./objects";
import { isControlledBy, selectorToString } from "./pods";
import { rest } from "./rest";
import { failure, ok, type K8sResult } from "./result";
import type { Deployment, ReplicaSet } from "./types";
export { rolloutStatus, type RolloutStatus } from "./rollout-status";

const REVISION = "deployment.kubernetes.io/revision";
const revisionOf = (o: { metadata?: { annotations?: Record<string, string> } }) => {
  const raw = o.metadata?.annotations?.[REVISION];
  return raw === undefined ? 0 : Number.parseInt(raw, 10);
};

/** The ReplicaSets a deployment owns (kubectl's listReplicaSets). */
export async function ownedReplicaSets(kc: KubeConfig, d: Deployment): Promise<K8sResult<ReplicaSet[]>> {
  const list = await listObjects<ReplicaSet>(kc, { apiVersion: "apps/v1", kind: "ReplicaSet", namespace: d.metadata?.namespace }, { labelSelector: selectorToString(d.spec?.selector) });
  return list.ok ? ok(list.value.filter((rs) => isControlledBy(rs, d))) : list;
}

export const revisions = (sets: ReplicaSet[]) =>
  sets.map((rs) => ({ revision: revisionOf(rs), image: rs.spec?.template?.spec?.containers.map((c) => `${c.name}=${c.image}`).join(", ") ?? "", name: rs.metadata?.name ?? "" }))
    .filter((r) => Number.isFinite(r.revision))
    .sort((a, b) => a.revision - b.revision);

function withoutHash(template: unknown): unknown {
  const t = structuredClone(template) as { metadata?: { labels?: Record<string, string> } };
  delete t.metadata?.labels?.["pod-template-hash"];
  return t;
}
const sameTemplate = (a: unknown, b: unknown) => JSON.stringify(withoutHash(a)) === JSON.stringify(withoutHash(b));

const KEPT_FROM_DEPLOYMENT = [
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION,
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
];

/** kubectl rollout undo's choice and patch, as a pure plan (pkg/polymorphichelpers/rollback.go). */
export function planRollback(d: Deployment, sets: ReplicaSet[], toRevision = 0): K8sResult<{ revision: number; ops: unknown[] } | { skip: string }> {
  if (d.spec?.paused) return failure("invalid", "You cannot roll back a paused deployment; resume it first with `kubectl rollout resume`.");
  const byRevision = sets.filter((rs) => Number.isFinite(revisionOf(rs)));
  let target: ReplicaSet | undefined;
  if (toRevision > 0) {
    target = byRevision.find((rs) => revisionOf(rs) === toRevision);
    if (!target) return failure("notFound", `Unable to find the specified revision ${toRevision}.`);
  } else {
    const ordered = [...byRevision].sort((a, b) => revisionOf(b) - revisionOf(a));
    target = ordered[1];
    if (!target) return failure("notFound", `No rollout history found for deployment "${d.metadata?.name}".`);
  }
  const revision = revisionOf(target);
  if (sameTemplate(target.spec?.template, d.spec?.template)) return ok({ skip: `skipped rollback (current template already matches revision ${revision})` });
  const annotations: Record<string, string> = {};
  for (const k of KEPT_FROM_DEPLOYMENT) {
    const v = d.metadata?.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(target.metadata?.annotations ?? {})) if (!KEPT_FROM_DEPLOYMENT.includes(k)) annotations[k] = v;
  return ok({
    revision,
    ops: [
      { op: "replace", path: "/spec/template", value: withoutHash(target.spec?.template) },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ],
  });
}

const deploymentPath = (ns: string, name: string) => `/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/deployments/${encodeURIComponent(name)}`;

/** `kubectl rollout undo deployment/NAME [--to-revision=N]`. */
export async function rollbackDeployment(kc: KubeConfig, namespace: string, name: string, toRevision = 0): Promise<K8sResult<string>> {
  const d = await getObject<Deployment>(kc, { apiVersion: "apps/v1", kind: "Deployment", namespace, name });
  if (!d.ok) return d;
  const sets = await ownedReplicaSets(kc, d.value);
  if (!sets.ok) return sets;
  const plan = planRollback(d.value, sets.value, toRevision);
  if (!plan.ok) return plan;
  if ("skip" in plan.value) return ok(`deployment.apps/${name} ${plan.value.skip}`);
  const res = await rest(kc, { method: "PATCH", path: deploymentPath(namespace, name), contentType: "application/json-patch+json", body: plan.value.ops, query: { fieldManager: "daybook" } });
  return res.ok ? ok(`deployment.apps/${name} rolled back to revision ${plan.value.revision}`) : res;
}

/** `kubectl set image deployment/NAME CONTAINER=IMAGE`, as a JSON patch guarded by the container's name. */
export async function setDeploymentImage(kc: KubeConfig, namespace: string, name: string, container: string, image: string): Promise<K8sResult<string>> {
  const d = await getObject<Deployment>(kc, { apiVersion: "apps/v1", kind: "Deployment", namespace, name });
  if (!d.ok) return d;
  const index = d.value.spec?.template.spec?.containers.findIndex((c) => c.name === container) ?? -1;
  if (index < 0) return failure("notFound", `Deployment ${name} has no container "${container}".`);
  if (d.value.spec?.template.spec?.containers[index]?.image === image) return ok(`deployment.apps/${name} image already ${image}`);
  const res = await rest(kc, {
    method: "PATCH",
    path: deploymentPath(namespace, name),
    contentType: "application/json-patch+json",
    query: { fieldManager: "daybook" },
    body: [
      { op: "test", path: `/spec/template/spec/containers/${index}/name`, value: container },
      { op: "replace", path: `/spec/template/spec/containers/${index}/image`, value: image },
    ],
  });
  return res.ok ? ok(`deployment.apps/${name} image updated (${container}=${image})`) : res;
}
