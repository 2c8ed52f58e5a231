/** HTTP through a port-forward to a pod for integration tests: lib/k8s's probe (what the checks use), throwing on failure. */
import type { KubeConfig } from "@kubernetes/client-node";
import { httpGetThroughPod, type HttpAnswer, type HttpProbe } from "@/lib/k8s/http-probe";
import { unwrap } from "@/lib/k8s/result";

export async function httpViaPortForward(kubeConfig: KubeConfig, probe: HttpProbe): Promise<HttpAnswer> {
  return unwrap(await httpGetThroughPod(kubeConfig, probe));
}
