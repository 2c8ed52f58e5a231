import type { K8sResult } from "@/lib/k8s/result";
import { attachablePod, isPodReady, selectorToString } from "@/lib/k8s/pods";
import type { Deployment, KubeObject, Pod } from "@/lib/k8s/types";
import type { ClusterReads } from "../types";
import { age, table } from "../evidence";

export type DeploymentPods = { deployment: K8sResult<Deployment | undefined>; pods: K8sResult<Pod[]> };

/** A deployment and the pods its selector matches (as `kubectl get pods -l` would list them). */
export async function deploymentPods(reads: ClusterReads, namespace: string, name: string): Promise<DeploymentPods> {
  const deployment = await reads.get<Deployment>("apps/v1", "Deployment", name, namespace);
  if (!deployment.ok || !deployment.value) return { deployment, pods: { ok: true, value: [] } };
  const pods = await reads.list<Pod>("v1", "Pod", namespace, { labelSelector: selectorToString(deployment.value.spec?.selector) });
  return { deployment, pods };
}

const readyCount = (p: Pod) => {
  const s = p.status?.containerStatuses ?? [];
  return `${s.filter((c) => c.ready).length}/${p.spec?.containers.length ?? s.length}`;
};

/** kubectl's STATUS column for a pod, briefly: a waiting reason wins over the phase. */
export function podStatus(p: Pod): string {
  if (p.metadata?.deletionTimestamp) return "Terminating";
  const waiting = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].find((c) => c.state?.waiting?.reason);
  return waiting?.state?.waiting?.reason ?? p.status?.phase ?? "Unknown";
}

export const podsTable = (pods: Pod[]) =>
  pods.length === 0
    ? "No resources found"
    : table(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], pods.map((p) => [p.metadata?.name ?? "", readyCount(p), podStatus(p), Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount)), age(p.metadata?.creationTimestamp)]));

export const deploymentTable = (d: Deployment) =>
  table(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], [[d.metadata?.name ?? "", `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, d.status?.updatedReplicas ?? 0, d.status?.availableReplicas ?? 0, age(d.metadata?.creationTimestamp)]]);

export const readyPods = (pods: Pod[]) => pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase === "Running" && isPodReady(p));

export const pickPod = (pods: Pod[]) => attachablePod(pods.filter((p) => p.status?.phase === "Running"));

export const notFoundText = (kind: string, name: string) => `Error from server (NotFound): ${kind} "${name}" not found`;

export const isObject = (v: KubeObject | undefined): v is KubeObject => v !== undefined;
