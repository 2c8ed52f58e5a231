import type { HttpAnswer } from "@/lib/k8s/http-probe";
import type { K8sResult } from "@/lib/k8s/result";
import { targetPortOf } from "@/lib/k8s/pods";
import type { Pod, Service } from "@/lib/k8s/types";
import type { LintContext } from "../define";
import { evidence, lines } from "../evidence";
import type { ClusterReads, Evidence } from "../types";
import { notFoundText, pickPod } from "./workloads";

export type ServiceHttp = {
  service: K8sResult<Service | undefined>;
  pod?: string;
  targetPort?: number;
  answers: K8sResult<HttpAnswer>[];
  problem?: string;
};

/**
 * `kubectl port-forward service/S L:PORT` + `curl localhost:L/PATH`: like kubectl, resolve the Service to
 * one running pod and its target port, and go into that pod (NetworkPolicy does not apply to this path).
 */
export async function getThroughService(reads: ClusterReads, namespace: string, serviceName: string, port: number, path: string, parallel = 1): Promise<ServiceHttp> {
  const service = await reads.get<Service>("v1", "Service", serviceName, namespace);
  if (!service.ok || !service.value) return { service, answers: [] };
  const selector = service.value.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return { service, answers: [], problem: `Service ${serviceName} has no selector, so there is no pod to forward to` };
  const pods = await reads.list<Pod>("v1", "Pod", namespace, { labelSelector: Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(",") });
  if (!pods.ok) return { service, answers: [pods] };
  const pod = pickPod(pods.value);
  if (!pod) return { service, answers: [], problem: `no running pod behind Service ${serviceName} (selector ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(",")})` };
  const targetPort = targetPortOf(service.value, port, pod);
  if (!targetPort) return { service, pod: pod.metadata?.name, answers: [], problem: `Service ${serviceName} has no port ${port}` };
  const name = pod.metadata!.name!;
  const answers = await Promise.all(Array.from({ length: parallel }, () => reads.httpGet({ namespace, pod: name, port: targetPort, path })));
  return { service, pod: name, targetPort, answers };
}

export function httpTranscript(f: ServiceHttp, namespace: string, serviceName: string, port: number, path: string): Evidence {
  const head = `$ kubectl port-forward -n ${namespace} service/${serviceName} 8080:${port}   # pod/${f.pod ?? "?"}:${f.targetPort ?? "?"}\n$ curl -i http://localhost:8080${path}\n`;
  const first = f.answers[0];
  if (!first) return evidence("HTTP through a port-forward", head + (f.problem ?? ""));
  if (!first.ok) return evidence("HTTP through a port-forward", head + `curl: ${first.message}`);
  const a = first.value;
  const headers = ["content-type", "content-length"].filter((h) => a.headers[h]).map((h) => `${h}: ${a.headers[h]}`).join("\n");
  return evidence("HTTP through a port-forward", `${head}HTTP/1.1 ${a.status}\n${headers}\n\n${lines(a.body, 20)}${a.truncated ? "\n… (body cut)" : ""}\n(${a.latencyMs} ms)`);
}

export const serviceNotFound = (namespace: string, serviceName: string) => evidence(`kubectl get service ${serviceName} -n ${namespace}`, notFoundText("services", serviceName));

export function lintService(serviceName: string, port: number, pack: LintContext): string[] {
  const found = pack.objects.filter((o) => o.kind === "Service" && o.name === serviceName);
  if (found.length === 0) return [`no Service "${serviceName}" in the pack manifests`];
  return found.some((o) => o.servicePorts.includes(port)) ? [] : [`Service "${serviceName}" exposes no port ${port} in the pack`];
}
