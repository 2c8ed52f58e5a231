import type { ClusterReads } from "@/lib/checks/types";
import { readyPods } from "@/lib/checks/kinds/workloads";
import { targetPortOf } from "@/lib/k8s/pods";
import type { Pod, Service } from "@/lib/k8s/types";
import type { LoadTargetSpec, TargetState } from "./types";

export type LoadPod = { name: string; targetPort: number };

/**
 * The Service's ready pods and the port each serves the Service port on, as `kubectl port-forward
 * service/…` resolves one of them; the load goes to all of them, as the Service would spread it.
 */
export async function podsForLoad(reads: ClusterReads, spec: LoadTargetSpec): Promise<{ pods: LoadPod[] } | { problem: NonNullable<TargetState["problem"]> }> {
  const service = await reads.get<Service>("v1", "Service", spec.service, spec.namespace);
  if (!service.ok) return { problem: { status: "error", message: `Could not read service ${spec.service}: ${service.message}` } };
  if (!service.value) return { problem: { status: "fail", message: `Service ${spec.service} not found in ${spec.namespace}` } };
  const selector = Object.entries(service.value.spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
  if (!selector) return { problem: { status: "fail", message: `Service ${spec.service} has no selector, so there is no pod to forward to` } };
  const listed = await reads.list<Pod>("v1", "Pod", spec.namespace, { labelSelector: selector });
  if (!listed.ok) return { problem: { status: "error", message: `Could not list the pods of ${spec.service}: ${listed.message}` } };
  const pods = readyPods(listed.value).flatMap((p) => {
    const port = targetPortOf(service.value!, spec.port, p);
    return port ? [{ name: p.metadata!.name!, targetPort: port }] : [];
  });
  if (pods.length === 0) return { problem: { status: "fail", message: `no ready pod behind Service ${spec.service} (selector ${selector}) serves port ${spec.port}` } };
  return { pods: pods.sort((a, b) => a.name.localeCompare(b.name)) };
}
